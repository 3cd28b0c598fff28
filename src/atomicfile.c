/*
 * atomicfile.c - staged entries renamed over their targets as one set,
 * relative to a directory descriptor; a directory switched by a symbolic
 * link; a lock per directory; clean-up of what killed runs left.  See
 * atomicfile.h for the promises.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "hindsight/alloc.h"
#include "hindsight/atomicfile.h"
#include "internal.h"

#define TMP_INFIX ".tmp-"
#define RAND_LEN 6

static hs_checkpoint_fn checkpoint_fn;
static void *checkpoint_ctx;
static volatile sig_atomic_t interrupted_sig;
static volatile sig_atomic_t busy_count;

void hs_checkpoint_set(hs_checkpoint_fn fn, void *ctx)
{
    checkpoint_fn = fn;
    checkpoint_ctx = ctx;
}

void hs_checkpoint(const char *where)
{
    if (checkpoint_fn)
        checkpoint_fn(where, checkpoint_ctx);
}

void hs_af_interrupt(int signo)
{
    interrupted_sig = signo;
}

int hs_af_interrupted(void)
{
    return interrupted_sig;
}

int hs_af_busy(void)
{
    return busy_count > 0;
}

static void set_busy(int *flag, int on)
{
    if (*flag == on)
        return;
    *flag = on;
    busy_count += on ? 1 : -1;
}

/* A diagnostic about DIR/NAME (just NAME when dir is "."). */
static void diag_at(hs_diags *d, enum hs_severity sev, const char *dir, const char *name,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void diag_at(hs_diags *d, enum hs_severity sev, const char *dir, const char *name,
                    const char *fmt, ...)
{
    char path[PATH_MAX + 256], msg[1024];
    va_list ap;

    if (!name)
        snprintf(path, sizeof(path), "%s", dir);
    else if (strcmp(dir, ".") == 0)
        snprintf(path, sizeof(path), "%s", name);
    else
        snprintf(path, sizeof(path), "%s%s%s", dir,
                 dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    hs_diags_add(d, sev, path, 0, 0, "%s", msg);
}

int hs_fsync_dirfd(int fd)
{
    int rc = fsync(fd);

    /* some file systems cannot sync a directory; the rename still holds */
    if (rc < 0 && (errno == EINVAL || errno == ENOTSUP))
        rc = 0;
    return rc;
}

/* Fill s[0 .. RAND_LEN) with random letters and digits. */
static void random_chars(char *s)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static unsigned long counter;
    unsigned char r[RAND_LEN];
    size_t i;

    if (getrandom(r, sizeof(r), GRND_NONBLOCK) != (ssize_t)sizeof(r)) {
        unsigned long x = (unsigned long)getpid() * 2654435761UL ^ (unsigned long)time(NULL) ^
                          ++counter * 40503UL;

        for (i = 0; i < sizeof(r); i++, x = x * 6364136223846793005UL + 1442695040888963407UL)
            r[i] = (unsigned char)(x >> 33);
    }
    for (i = 0; i < RAND_LEN; i++)
        s[i] = alphabet[r[i] % (sizeof(alphabet) - 1)];
}

/* Is s exactly RAND_LEN letters and digits (then optionally suffix)? */
static int is_rand_tail(const char *s, const char *suffix)
{
    size_t i;

    for (i = 0; i < RAND_LEN; i++) {
        char c = s[i];

        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            return 0;
    }
    return strcmp(s + RAND_LEN, "") == 0 || (suffix && strcmp(s + RAND_LEN, suffix) == 0);
}

/* "." name infix XXXXXX, a new string: the tail is tag, or fresh random
 * characters when tag is NULL. */
static char *temp_name(const char *name, const char *infix, const char *tag)
{
    size_t n = strlen(name) + strlen(infix) + RAND_LEN + 2;
    char *p = hs_malloc(n);

    if (p) {
        snprintf(p, n, ".%s%s", name, infix);
        if (tag)
            memcpy(p + n - RAND_LEN - 1, tag, RAND_LEN);
        else
            random_chars(p + n - RAND_LEN - 1);
        p[n - 1] = '\0';
    }
    return p;
}

/* The marker of a set whose renames have begun: MARKER + the set's tag. */
#define MARKER ".hindsight-set" TMP_INFIX

/* ---- the output directory ---- */

void hs_outdir_init(hs_outdir *d)
{
    memset(d, 0, sizeof(*d));
    d->fd = d->lock_fd = -1;
}

void hs_outdir_release(hs_outdir *d, int remove_if_created)
{
    if (d->lock_fd >= 0 && d->lock_fd != d->fd)
        close(d->lock_fd);   /* releases the flock */
    if (d->fd >= 0)
        close(d->fd);
    if (remove_if_created && d->created && d->path)
        rmdir(d->path);   /* only when still empty */
    hs_free(d->path);
    hs_outdir_init(d);
}

/* Warn when others can change what is in the directory. */
static void check_owner(const hs_outdir *d, const struct stat *st, hs_diags *diags)
{
    if (st->st_uid != geteuid())
        diag_at(diags, HS_SEV_WARNING, d->path, NULL,
                "is owned by another user (uid %lu), who can change or replace what hindsight keeps there; use a directory of your own",
                (unsigned long)st->st_uid);
    else if (st->st_mode & (S_IWGRP | S_IWOTH))
        diag_at(diags, HS_SEV_WARNING, d->path, NULL,
                "is writable by %s (mode %04o): anyone who can write to it can change or replace what hindsight keeps there (chmod go-w '%s')",
                st->st_mode & S_IWOTH ? "other users" : "its group",
                (unsigned)(st->st_mode & 07777), d->path);
}

int hs_outdir_open(hs_outdir *d, const char *path, int create, hs_diags *diags)
{
    struct stat st;

    hs_outdir_init(d);
    if (!(d->path = hs_strdup(path))) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
        return -1;
    }
    if (create) {
        if (mkdir(path, 0777) == 0)
            d->created = 1;
        else if (errno != EEXIST) {
            diag_at(diags, HS_SEV_ERROR, path, NULL, "cannot create the directory: %s",
                    strerror(errno));
            return -1;
        }
    }
    d->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d->fd < 0) {
        diag_at(diags, HS_SEV_ERROR, path, NULL, "%s",
                errno == ENOTDIR ? "not a directory; give a directory (created if missing)"
                                 : strerror(errno));
        return -1;
    }
    if (fstat(d->fd, &st) < 0) {
        diag_at(diags, HS_SEV_ERROR, path, NULL, "cannot use the directory: %s", strerror(errno));
        return -1;
    }
    check_owner(d, &st, diags);
    return 0;
}

int hs_outdir_lock(hs_outdir *d, const char *lock_name, unsigned wait_ms, hs_diags *diags)
{
    struct stat st;
    unsigned waited = 0, step = 10;
    int fd;

    if (lock_name) {
        fd = openat(d->fd, lock_name, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
        if (fd < 0) {
            diag_at(diags, HS_SEV_ERROR, d->path, lock_name, errno == ELOOP
                    ? "cannot create the lock file: it is a symbolic link; remove it"
                    : "cannot create the lock file: %s; the directory must be writable",
                    strerror(errno));
            return -1;
        }
        if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
            diag_at(diags, HS_SEV_ERROR, d->path, lock_name,
                    "is not a regular file; it is not the lock file hindsight keeps: remove it");
            close(fd);
            return -1;
        }
    } else {
        fd = d->fd;
    }
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            d->lock_fd = fd;
            return 0;
        }
        if (errno != EWOULDBLOCK && !lock_name &&
            (errno == ENOLCK || errno == EBADF || errno == EINVAL || errno == EOPNOTSUPP)) {
            /* a file system that cannot lock a directory (NFS): go on */
            diag_at(diags, HS_SEV_WARNING, d->path, NULL,
                    "cannot be locked here (%s): an export running at the same moment could mix its files with these",
                    strerror(errno));
            return 0;
        }
        if (errno != EWOULDBLOCK) {
            diag_at(diags, HS_SEV_ERROR, d->path, lock_name, "cannot lock: %s", strerror(errno));
            break;
        }
        if (waited >= wait_ms || hs_af_interrupted()) {
            if (fd != d->fd)
                close(fd);
            return 1;
        }
        {
            struct timespec ts = {0, (long)step * 1000000L};

            nanosleep(&ts, NULL);   /* a signal cuts it short: checked above */
        }
        waited += step;
        if (step < 100)
            step *= 2;
    }
    if (fd != d->fd)
        close(fd);
    return -1;
}

/* ---- a set of entries ---- */

void hs_afset_init(hs_afset *s, int dirfd, const char *dir)
{
    memset(s, 0, sizeof(*s));
    s->dirfd = dirfd;
    s->dir = dir;
}

/* tmp + ".old" into buf (the hard link to a replaced file). */
static void backup_name(const hs_afile *f, char *buf, size_t size)
{
    snprintf(buf, size, "%s.old", f->tmp);
}

void hs_afset_release(hs_afset *s)
{
    char old[NAME_MAX + 8];
    size_t i;

    for (i = 0; i < s->n; i++) {
        hs_afile *f = &s->files[i];

        if (f->fp)
            fclose(f->fp);
        if (f->tmp && !f->renamed)
            unlinkat(s->dirfd, f->tmp, 0);
        if (f->has_backup) {
            backup_name(f, old, sizeof(old));
            unlinkat(s->dirfd, old, 0);
        }
        hs_free(f->name);
        hs_free(f->tmp);
        hs_free(f->link_to);
    }
    hs_free(s->files);
    set_busy(&s->busy, 0);
    hs_afset_init(s, s->dirfd, s->dir);
}

static int check_interrupted(const hs_afset *s, hs_diags *diags)
{
    if (!hs_af_interrupted())
        return 0;
    diag_at(diags, HS_SEV_ERROR, s->dir, NULL, "interrupted (signal %d); nothing was replaced",
            hs_af_interrupted());
    return -1;
}

/* The random tail every staged entry of the set shares (so that a killed
 * commit can be completed: hs_af_clean), chosen at the first entry. */
static const char *set_tag(hs_afset *s)
{
    if (!s->tag[0]) {
        random_chars(s->tag);
        s->tag[RAND_LEN] = '\0';
    }
    return s->tag;
}

/* The name taken: another tag, while no other entry is staged.  Returns 0,
 * or -1 (errno EEXIST) when entries with this tag exist already. */
static int new_tag(hs_afset *s)
{
    if (s->n > 1) {
        errno = EEXIST;
        return -1;
    }
    s->tag[0] = '\0';
    return 0;
}

/* A new entry of the set for name; NULL (diags) when out of memory or the
 * name is not an entry of the directory. */
static hs_afile *afset_new(hs_afset *s, const char *name, hs_diags *diags)
{
    hs_afile *f;

    if (check_interrupted(s, diags) < 0)
        return NULL;
    if (!name[0] || strchr(name, '/') || strlen(name) > NAME_MAX - 20) {
        diag_at(diags, HS_SEV_ERROR, s->dir, name, "not a name hindsight can stage");
        return NULL;
    }
    if (hs_grow((void **)&s->files, &s->alloc, s->n + 1, sizeof(*s->files)) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, s->dir, 0, 0, "out of memory");
        return NULL;
    }
    f = &s->files[s->n];
    memset(f, 0, sizeof(*f));
    if (!(f->name = hs_strdup(name))) {
        hs_diags_add(diags, HS_SEV_ERROR, s->dir, 0, 0, "out of memory");
        return NULL;
    }
    s->n++;   /* from here hs_afset_release() cleans up */
    set_busy(&s->busy, 1);
    return f;
}

FILE *hs_afset_add(hs_afset *s, const char *name, hs_diags *diags)
{
    hs_afile *f = afset_new(s, name, diags);
    struct stat st;
    int fd = -1, tries;

    if (!f)
        return NULL;
    if (fstatat(s->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode)) {
        diag_at(diags, HS_SEV_ERROR, s->dir, name,
                "exists and is not a regular file; move it away or choose another directory");
        return NULL;
    }
    for (tries = 0; tries < 100 && fd < 0; tries++) {
        hs_free(f->tmp);
        if (!(f->tmp = temp_name(name, TMP_INFIX, set_tag(s)))) {
            hs_diags_add(diags, HS_SEV_ERROR, s->dir, 0, 0, "out of memory");
            return NULL;
        }
        /* O_EXCL and O_NOFOLLOW: never write through an entry someone planted */
        fd = openat(s->dirfd, f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && (errno != EEXIST || new_tag(s) < 0))
            break;
    }
    if (fd < 0) {
        diag_at(diags, HS_SEV_ERROR, s->dir, NULL,
                "cannot create a file in this directory: %s; make sure it exists and is writable",
                strerror(errno));
        hs_free(f->tmp);   /* nothing to remove */
        f->tmp = NULL;
        return NULL;
    }
    if (!(f->fp = fdopen(fd, "w"))) {
        diag_at(diags, HS_SEV_ERROR, s->dir, f->tmp, "cannot open for writing: %s",
                strerror(errno));
        close(fd);
        return NULL;
    }
    hs_checkpoint("file-created");
    return f->fp;
}

int hs_afset_add_link(hs_afset *s, const char *name, const char *target, hs_diags *diags)
{
    hs_afile *f = afset_new(s, name, diags);
    struct stat st;
    int tries, rc = -1;

    if (!f)
        return -1;
    if (fstatat(s->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISLNK(st.st_mode) &&
        !S_ISREG(st.st_mode)) {
        diag_at(diags, HS_SEV_ERROR, s->dir, name,
                "exists and is not the link hindsight keeps there; move it away");
        return -1;
    }
    if (!(f->link_to = hs_strdup(target))) {
        hs_diags_add(diags, HS_SEV_ERROR, s->dir, 0, 0, "out of memory");
        return -1;
    }
    for (tries = 0; tries < 100 && rc < 0; tries++) {
        hs_free(f->tmp);
        if (!(f->tmp = temp_name(name, TMP_INFIX, set_tag(s)))) {
            hs_diags_add(diags, HS_SEV_ERROR, s->dir, 0, 0, "out of memory");
            return -1;
        }
        rc = symlinkat(target, s->dirfd, f->tmp);
        if (rc < 0 && (errno != EEXIST || new_tag(s) < 0))
            break;
    }
    if (rc < 0) {
        diag_at(diags, HS_SEV_ERROR, s->dir, NULL, "cannot create a link here: %s",
                strerror(errno));
        hs_free(f->tmp);
        f->tmp = NULL;
        return -1;
    }
    hs_checkpoint("link-created");
    return 0;
}

/* Flush f to disk and close it.  Returns 0 or -1 (diags). */
static int afile_finish(const hs_afset *s, hs_afile *f, hs_diags *diags)
{
    int rc = 0;

    if (!f->fp)
        return 0;   /* a link */
    errno = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) < 0) {
        rc = -1;
        diag_at(diags, HS_SEV_ERROR, s->dir, f->name, "cannot write: %s",
                errno ? strerror(errno) : "write error");
    }
    if (fclose(f->fp) != 0 && rc == 0) {
        diag_at(diags, HS_SEV_ERROR, s->dir, f->name, "cannot write: %s", strerror(errno));
        rc = -1;
    }
    f->fp = NULL;
    return rc;
}

/* Undo the renames of files[0 .. n): put each replaced file back from its
 * backup, remove each entry that did not exist before. */
static void afset_undo(hs_afset *s, size_t n, hs_diags *diags)
{
    char old[NAME_MAX + 8];
    size_t i;

    for (i = 0; i < n; i++) {
        hs_afile *f = &s->files[i];

        if (!f->renamed)
            continue;
        if (f->has_backup) {
            backup_name(f, old, sizeof(old));
            if (renameat(s->dirfd, old, s->dirfd, f->name) == 0) {
                f->has_backup = 0;
                continue;
            }
        } else if (unlinkat(s->dirfd, f->name, 0) == 0) {
            continue;
        }
        diag_at(diags, HS_SEV_ERROR, s->dir, f->name, "could not be put back as it was: %s",
                strerror(errno));
    }
}

int hs_afset_commit(hs_afset *s, hs_diags *diags)
{
    char old[NAME_MAX + 8], marker[64] = "";
    size_t i;
    int ret = -1;
    struct stat st;

    for (i = 0; i < s->n; i++) {
        if (afile_finish(s, &s->files[i], diags) < 0)
            goto cleanup;
        hs_checkpoint("file-synced");
    }
    /* the last moment a signal stops the set: from here it goes in whole */
    if (check_interrupted(s, diags) < 0)
        goto cleanup;
    /* several renames: a marker, synced first, tells hs_af_clean() that the
     * staged entries are complete and go in should the process die now */
    if (s->n > 1) {
        int fd;

        snprintf(marker, sizeof(marker), "%s%s", MARKER, s->tag);
        fd = openat(s->dirfd, marker, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 || close(fd) < 0 || hs_fsync_dirfd(s->dirfd) < 0) {
            diag_at(diags, HS_SEV_ERROR, s->dir, NULL, "cannot mark the files as complete: %s",
                    strerror(errno));
            if (fd >= 0)
                unlinkat(s->dirfd, marker, 0);
            marker[0] = '\0';
            goto cleanup;
        }
        hs_checkpoint("set-marked");
    }
    for (i = 0; i < s->n; i++) {
        hs_afile *f = &s->files[i];

        /* a hard link keeps the old contents reachable until the set is in */
        if (fstatat(s->dirfd, f->name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
            backup_name(f, old, sizeof(old));
            f->has_backup = linkat(s->dirfd, f->name, s->dirfd, old, 0) == 0;
        }
        if (renameat(s->dirfd, f->tmp, s->dirfd, f->name) < 0) {
            diag_at(diags, HS_SEV_ERROR, s->dir, f->name, "cannot replace: %s", strerror(errno));
            afset_undo(s, i, diags);
            goto cleanup;
        }
        f->renamed = 1;
        hs_checkpoint("file-renamed");
    }
    if (hs_fsync_dirfd(s->dirfd) < 0) {
        diag_at(diags, HS_SEV_ERROR, s->dir, NULL, "cannot sync its directory to disk: %s",
                strerror(errno));
        goto cleanup;
    }
    hs_checkpoint("dir-synced");
    ret = 0;
cleanup:
    if (marker[0])
        unlinkat(s->dirfd, marker, 0);
    for (i = 0; i < s->n; i++) {
        if (s->files[i].has_backup) {
            backup_name(&s->files[i], old, sizeof(old));
            unlinkat(s->dirfd, old, 0);
            s->files[i].has_backup = 0;
        }
    }
    return ret;
}

/* ---- a directory switched by a link ---- */

void hs_afdir_init(hs_afdir *d)
{
    memset(d, 0, sizeof(*d));
    d->parent_fd = d->fd = -1;
}

/* Remove the directory name of dirfd if it is ours: a real directory
 * (never a link) owned by this user, holding files and links only.
 * Returns 0, or -1 with *why set. */
static int remove_own_dir(int dirfd, const char *name, const char **why)
{
    struct stat st;
    struct dirent *e;
    DIR *dp;
    int fd, rc = 0;

    fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        *why = errno == ELOOP || errno == ENOTDIR
                   ? "not a directory hindsight made (a symbolic link or a file)"
                   : strerror(errno);
        return -1;
    }
    if (fstat(fd, &st) < 0 || st.st_uid != geteuid()) {
        *why = "not a directory this user made";
        close(fd);
        return -1;
    }
    if (!(dp = fdopendir(fd))) {
        *why = strerror(errno);
        close(fd);
        return -1;
    }
    while ((e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode)) {
            *why = "it holds a directory, which hindsight never makes there";
            rc = -1;
        } else if (unlinkat(fd, e->d_name, 0) < 0 && errno != ENOENT) {
            *why = strerror(errno);
            rc = -1;
        }
    }
    closedir(dp);
    if (rc == 0 && unlinkat(dirfd, name, AT_REMOVEDIR) < 0) {
        *why = strerror(errno);
        rc = -1;
    }
    return rc;
}

void hs_afdir_release(hs_afdir *d)
{
    const char *why;

    if (d->fd >= 0)
        close(d->fd);
    if (d->gen && !d->committed)
        remove_own_dir(d->parent_fd, d->gen, &why);
    set_busy(&d->busy, 0);
    hs_free(d->name);
    hs_free(d->gen);
    hs_free(d->path);
    hs_afdir_init(d);
}

int hs_afdir_begin(hs_afdir *d, int parent_fd, const char *parent, const char *name,
                   hs_diags *diags)
{
    struct stat st;
    size_t n;
    int tries, rc = -1;

    d->parent_fd = parent_fd;
    d->parent = parent;
    if (hs_af_interrupted()) {
        diag_at(diags, HS_SEV_ERROR, parent, NULL, "interrupted (signal %d); nothing was replaced",
                hs_af_interrupted());
        return -1;
    }
    if (!(d->name = hs_strdup(name))) {
        hs_diags_add(diags, HS_SEV_ERROR, parent, 0, 0, "out of memory");
        return -1;
    }
    if (fstatat(parent_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISLNK(st.st_mode)) {
        diag_at(diags, HS_SEV_ERROR, parent, name,
                "exists and is not the link hindsight keeps there; move it away");
        return -1;
    }
    set_busy(&d->busy, 1);
    for (tries = 0; tries < 100 && rc < 0; tries++) {
        hs_free(d->gen);
        if (!(d->gen = temp_name(name, "-", NULL))) {
            hs_diags_add(diags, HS_SEV_ERROR, parent, 0, 0, "out of memory");
            return -1;
        }
        rc = mkdirat(parent_fd, d->gen, 0777);   /* never follows a link */
        if (rc < 0 && errno != EEXIST)
            break;
    }
    if (rc < 0) {
        diag_at(diags, HS_SEV_ERROR, parent, NULL,
                "cannot create a directory here: %s; make sure it exists and is writable",
                strerror(errno));
        hs_free(d->gen);
        d->gen = NULL;
        return -1;
    }
    n = strlen(parent) + strlen(d->gen) + 2;
    if (!(d->path = hs_malloc(n)) ||
        (d->fd = openat(parent_fd, d->gen, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0) {
        diag_at(diags, HS_SEV_ERROR, parent, d->gen, "cannot open: %s",
                d->path ? strerror(errno) : "out of memory");
        return -1;
    }
    snprintf(d->path, n, "%s/%s", parent, d->gen);
    hs_checkpoint("new-dir-created");
    return 0;
}

int hs_afdir_commit(hs_afdir *d, hs_diags *diags)
{
    hs_afset link;
    int ret = -1;

    hs_afset_init(&link, d->parent_fd, d->parent);
    if (hs_fsync_dirfd(d->fd) < 0) {
        diag_at(diags, HS_SEV_ERROR, d->path, NULL, "cannot sync to disk: %s", strerror(errno));
        goto cleanup;
    }
    hs_checkpoint("new-dir-synced");
    if (hs_afset_add_link(&link, d->name, d->gen, diags) < 0 || hs_afset_commit(&link, diags) < 0)
        goto cleanup;
    d->committed = 1;
    hs_checkpoint("link-switched");
    ret = 0;
cleanup:
    hs_afset_release(&link);
    return ret;
}

/* Is e ".NAME-XXXXXX"? */
static int is_gen_name(const char *e, const char *name)
{
    size_t n = strlen(name);

    return e[0] == '.' && strncmp(e + 1, name, n) == 0 && e[n + 1] == '-' &&
           is_rand_tail(e + n + 2, NULL);
}

int hs_afdir_current(int parent_fd, const char *parent, const char *name, char *gen,
                     size_t gen_size, hs_diags *diags)
{
    ssize_t n = readlinkat(parent_fd, name, gen, gen_size - 1);

    if (n < 0 && errno == ENOENT)
        return 0;
    if (n >= 0 && (size_t)n < gen_size - 1) {
        gen[n] = '\0';
        if (is_gen_name(gen, name))
            return 1;
    }
    diag_at(diags, HS_SEV_ERROR, parent, name, "exists and is not the link hindsight keeps there");
    return -1;
}

/* Is the entry name of dirfd a regular file or link of this user? */
static int own_entry(int dirfd, const char *name, int links_too)
{
    struct stat st;

    return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && st.st_uid == geteuid() &&
           (S_ISREG(st.st_mode) || (links_too && S_ISLNK(st.st_mode)));
}

/* Complete the set of tag, whose renames a killed process had begun: rename
 * its staged entries that are still there over their targets. */
static void complete_set(int dirfd, const char *dir, const char *const *names, const char *tag,
                         hs_diags *diags)
{
    char tmp[NAME_MAX + 1];
    size_t k;
    int bad = 0;

    for (k = 0; names && names[k]; k++) {
        if ((size_t)snprintf(tmp, sizeof(tmp), ".%s%s%s", names[k], TMP_INFIX, tag) >= sizeof(tmp) ||
            !own_entry(dirfd, tmp, 1))
            continue;
        if (renameat(dirfd, tmp, dirfd, names[k]) < 0) {
            diag_at(diags, HS_SEV_WARNING, dir, names[k],
                    "cannot complete the set an interrupted run began: %s", strerror(errno));
            bad = 1;
        }
    }
    if (!bad && hs_fsync_dirfd(dirfd) == 0) {
        snprintf(tmp, sizeof(tmp), "%s%s", MARKER, tag);
        unlinkat(dirfd, tmp, 0);
        hs_checkpoint("set-completed");
    }
}

void hs_af_clean(int dirfd, const char *dir, const char *const *names, const char *dir_name,
                 const char *keep, hs_diags *diags)
{
    struct dirent *e;
    struct stat st;
    const char *why;
    DIR *dp;
    /* a description of its own, so that reading it moves no shared offset */
    int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    size_t k, n;

    if (fd < 0 || !(dp = fdopendir(fd))) {
        if (fd >= 0)
            close(fd);
        return;
    }
    /* first, sets a killed process was renaming into place */
    while (names && (e = readdir(dp)) != NULL) {
        if (strncmp(e->d_name, MARKER, strlen(MARKER)) == 0 &&
            is_rand_tail(e->d_name + strlen(MARKER), NULL) && own_entry(dirfd, e->d_name, 0))
            complete_set(dirfd, dir, names, e->d_name + strlen(MARKER), diags);
    }
    rewinddir(dp);
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] != '.')
            continue;
        if (dir_name && is_gen_name(e->d_name, dir_name)) {
            if (keep && strcmp(e->d_name, keep) == 0)
                continue;
            if (remove_own_dir(dirfd, e->d_name, &why) < 0)
                diag_at(diags, HS_SEV_WARNING, dir, e->d_name,
                        "left alone: %s; remove it by hand", why);
            hs_checkpoint("old-dir-removed");
            continue;
        }
        for (k = 0; names && names[k]; k++) {
            n = strlen(names[k]);
            if (strncmp(e->d_name + 1, names[k], n) != 0 ||
                strncmp(e->d_name + 1 + n, TMP_INFIX, strlen(TMP_INFIX)) != 0 ||
                !is_rand_tail(e->d_name + 1 + n + strlen(TMP_INFIX), ".old"))
                continue;
            if (fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
                break;
            if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && st.st_uid == geteuid())
                unlinkat(dirfd, e->d_name, 0);
            else
                diag_at(diags, HS_SEV_WARNING, dir, e->d_name,
                        "left alone: not a file this user's hindsight made; remove it by hand");
            break;
        }
    }
    closedir(dp);
}
