/*
 * atomicfile.c - temporary file, fsync, rename; a directory switched by a
 * symbolic link; a lock per directory.  See atomicfile.h for the promises.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hindsight/alloc.h"
#include "hindsight/atomicfile.h"
#include "internal.h"

static hs_checkpoint_fn checkpoint_fn;
static void *checkpoint_ctx;

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

int hs_fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc, saved;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    /* some file systems cannot sync a directory; the rename still holds */
    if (rc < 0 && (errno == EINVAL || errno == ENOTSUP))
        rc = 0;
    saved = errno;
    close(fd);
    errno = saved;
    return rc;
}

/* Allocates nothing, so that it cannot fail for want of memory. */
int hs_fsync_parent(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');

    if (!slash)
        return hs_fsync_dir(".");
    if ((size_t)(slash - path) >= sizeof(dir)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(dir, path, (size_t)(slash - path));
    dir[slash - path] = '\0';
    return hs_fsync_dir(slash == path ? "/" : dir);
}

/* dir + "/" + prefix + name + suffix, a new string or NULL. */
static char *path3(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
    char *p = hs_malloc(n);

    if (p)
        snprintf(p, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return p;
}

/* The process's umask, which mkstemp and mkdtemp (0600, 0700) ignore. */
static mode_t creation_mask(void)
{
    mode_t mask = umask(022);

    umask(mask);
    return mask;
}

void hs_afset_init(hs_afset *s)
{
    memset(s, 0, sizeof(*s));
}

void hs_afset_release(hs_afset *s)
{
    size_t i;

    for (i = 0; i < s->n; i++) {
        hs_afile *f = &s->files[i];

        if (f->fp)
            fclose(f->fp);
        if (!f->renamed && f->tmp)
            unlink(f->tmp);
        if (f->backup)
            unlink(f->backup);
        hs_free(f->path);
        hs_free(f->tmp);
        hs_free(f->backup);
    }
    hs_free(s->files);
    hs_afset_init(s);
}

FILE *hs_afset_add(hs_afset *s, const char *dir, const char *name, hs_diags *diags)
{
    hs_afile *f;
    struct stat st;
    int fd;

    if (hs_grow((void **)&s->files, &s->alloc, s->n + 1, sizeof(*s->files)) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
        return NULL;
    }
    f = &s->files[s->n];
    memset(f, 0, sizeof(*f));
    f->path = path3(dir, "", name, "");
    f->tmp = path3(dir, ".", name, ".tmp-XXXXXX");
    if (!f->path || !f->tmp) {
        hs_free(f->path);
        hs_free(f->tmp);
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
        return NULL;
    }
    s->n++;   /* from here hs_afset_release() cleans up */
    if (lstat(f->path, &st) == 0 && !S_ISREG(st.st_mode)) {
        hs_diags_add(diags, HS_SEV_ERROR, f->path, 0, 0,
                     "exists and is not a regular file; move it away or choose another directory");
        return NULL;
    }
    fd = mkstemp(f->tmp);
    if (fd < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0,
                     "cannot create a file in this directory: %s; make sure it exists and is writable",
                     strerror(errno));
        hs_free(f->tmp);   /* nothing to remove */
        f->tmp = NULL;
        return NULL;
    }
    if (fchmod(fd, 0666 & ~creation_mask()) < 0 || !(f->fp = fdopen(fd, "w"))) {
        hs_diags_add(diags, HS_SEV_ERROR, f->tmp, 0, 0, "cannot open for writing: %s",
                     strerror(errno));
        close(fd);
        return NULL;
    }
    return f->fp;
}

/* Flush f to disk and close it.  Returns 0 or -1 (diags). */
static int afile_finish(hs_afile *f, hs_diags *diags)
{
    int rc = 0;

    if (fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) < 0)
        rc = -1;
    if (rc < 0)
        hs_diags_add(diags, HS_SEV_ERROR, f->path, 0, 0, "cannot write: %s",
                     errno ? strerror(errno) : "write error");
    if (fclose(f->fp) != 0 && rc == 0) {
        hs_diags_add(diags, HS_SEV_ERROR, f->path, 0, 0, "cannot write: %s", strerror(errno));
        rc = -1;
    }
    f->fp = NULL;
    return rc;
}

/* Undo the renames of files[0 .. n): put each replaced file back from its
 * backup, remove each file that did not exist before. */
static void afset_undo(hs_afset *s, size_t n, hs_diags *diags)
{
    size_t i;

    for (i = 0; i < n; i++) {
        hs_afile *f = &s->files[i];

        if (!f->renamed)
            continue;
        if (f->backup) {
            if (rename(f->backup, f->path) == 0) {
                hs_free(f->backup);
                f->backup = NULL;
                continue;
            }
        } else if (unlink(f->path) == 0) {
            continue;
        }
        hs_diags_add(diags, HS_SEV_ERROR, f->path, 0, 0,
                     "could not be put back as it was: %s", strerror(errno));
    }
}

/* Are a and b entries of the same directory (paths are DIR/NAME)? */
static int same_parent(const char *a, const char *b)
{
    size_t n = (size_t)(strrchr(a, '/') - a);

    return (size_t)(strrchr(b, '/') - b) == n && memcmp(a, b, n) == 0;
}

int hs_afset_commit(hs_afset *s, hs_diags *diags)
{
    size_t i;
    int ret = -1;
    struct stat st;

    for (i = 0; i < s->n; i++) {
        errno = 0;
        if (afile_finish(&s->files[i], diags) < 0)
            goto cleanup;
        hs_checkpoint("file-synced");
    }
    for (i = 0; i < s->n; i++) {
        hs_afile *f = &s->files[i];
        int existed = lstat(f->path, &st) == 0;

        /* a hard link keeps the old contents reachable until the set is in */
        if (existed) {
            f->backup = hs_malloc(strlen(f->tmp) + 5);
            if (f->backup)
                sprintf(f->backup, "%s.old", f->tmp);
            if (f->backup && link(f->path, f->backup) < 0) {
                hs_free(f->backup);
                f->backup = NULL;
            }
        }
        if (rename(f->tmp, f->path) < 0) {
            hs_diags_add(diags, HS_SEV_ERROR, f->path, 0, 0, "cannot replace: %s",
                         strerror(errno));
            afset_undo(s, i, diags);
            goto cleanup;
        }
        f->renamed = 1;
        hs_checkpoint("file-renamed");
    }
    for (i = 0; i < s->n; i++) {
        const char *path = s->files[i].path;

        if (i > 0 && same_parent(s->files[i - 1].path, path))
            continue;
        if (hs_fsync_parent(path) < 0) {
            hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                         "cannot sync its directory to disk: %s", strerror(errno));
            goto cleanup;
        }
    }
    hs_checkpoint("dir-synced");
    ret = 0;
cleanup:
    for (i = 0; i < s->n; i++) {
        if (s->files[i].backup) {
            unlink(s->files[i].backup);
            hs_free(s->files[i].backup);
            s->files[i].backup = NULL;
        }
    }
    return ret;
}

void hs_afdir_init(hs_afdir *d)
{
    memset(d, 0, sizeof(*d));
}

/* Remove a directory hindsight filled: its files, then itself.  Returns 0
 * or -1 (errno set).  Allocates nothing, so that clean-up after a commit
 * cannot fail for want of memory. */
static int remove_dir(const char *path)
{
    DIR *dp = opendir(path);
    struct dirent *e;
    char p[PATH_MAX];
    int rc = 0, saved = 0;

    if (!dp)
        return -1;
    while ((e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if ((size_t)snprintf(p, sizeof(p), "%s/%s", path, e->d_name) >= sizeof(p)) {
            rc = -1;
            saved = ENAMETOOLONG;
        } else if (unlink(p) < 0 && rc == 0) {
            rc = -1;
            saved = errno;
        }
    }
    closedir(dp);
    if (rc == 0 && rmdir(path) < 0)
        return -1;
    errno = saved;
    return rc;
}

void hs_afdir_release(hs_afdir *d)
{
    if (d->dir && !d->committed)
        remove_dir(d->dir);
    hs_free(d->parent);
    hs_free(d->link);
    hs_free(d->dir);
    hs_afdir_init(d);
}

int hs_afdir_begin(hs_afdir *d, const char *parent, const char *name, hs_diags *diags)
{
    struct stat st;

    d->parent = hs_strdup(parent);
    d->link = path3(parent, "", name, "");
    d->dir = path3(parent, ".", name, "-XXXXXX");
    if (!d->parent || !d->link || !d->dir) {
        hs_free(d->dir);
        d->dir = NULL;
        hs_diags_add(diags, HS_SEV_ERROR, parent, 0, 0, "out of memory");
        return -1;
    }
    if (lstat(d->link, &st) == 0 && !S_ISLNK(st.st_mode)) {
        hs_diags_add(diags, HS_SEV_ERROR, d->link, 0, 0,
                     "exists and is not the link hindsight keeps there; move it away");
        hs_free(d->dir);
        d->dir = NULL;
        return -1;
    }
    if (!mkdtemp(d->dir)) {
        hs_diags_add(diags, HS_SEV_ERROR, parent, 0, 0,
                     "cannot create a directory here: %s; make sure it exists and is writable",
                     strerror(errno));
        hs_free(d->dir);
        d->dir = NULL;
        return -1;
    }
    /* mkdtemp makes 0700; the outputs are as readable as any other file */
    chmod(d->dir, 0777 & ~creation_mask());
    return 0;
}

/* Remove PARENT/.NAME-XXXXXX directories other than keep (a base name). */
static void remove_stale(const hs_afdir *d, const char *keep, hs_diags *diags)
{
    const char *name = strrchr(d->link, '/') + 1;
    size_t nl = strlen(name);
    DIR *dp = opendir(d->parent);
    struct dirent *e;
    char p[PATH_MAX];

    if (!dp)
        return;
    while ((e = readdir(dp)) != NULL) {
        if (e->d_name[0] != '.' || strncmp(e->d_name + 1, name, nl) != 0 ||
            e->d_name[nl + 1] != '-' || strlen(e->d_name) != nl + 8 ||
            strcmp(e->d_name, keep) == 0)
            continue;
        if ((size_t)snprintf(p, sizeof(p), "%s/%s", d->parent, e->d_name) >= sizeof(p))
            continue;
        if (remove_dir(p) < 0)
            hs_diags_add(diags, HS_SEV_WARNING, p, 0, 0,
                         "cannot remove this old copy: %s; remove it by hand", strerror(errno));
        hs_checkpoint("old-dir-removed");
    }
    closedir(dp);
}

int hs_afdir_commit(hs_afdir *d, hs_diags *diags)
{
    const char *base = strrchr(d->dir, '/') + 1;
    char *tmp_link = NULL;
    int ret = -1;

    if (hs_fsync_dir(d->dir) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, d->dir, 0, 0, "cannot sync to disk: %s",
                     strerror(errno));
        goto cleanup;
    }
    hs_checkpoint("new-dir-synced");
    if (!(tmp_link = path3(d->parent, ".", strrchr(d->link, '/') + 1, ".tmp-link"))) {
        hs_diags_add(diags, HS_SEV_ERROR, d->parent, 0, 0, "out of memory");
        goto cleanup;
    }
    unlink(tmp_link);   /* left by a crashed run, if any */
    if (symlink(base, tmp_link) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, d->parent, 0, 0, "cannot create a link here: %s",
                     strerror(errno));
        goto cleanup;
    }
    hs_checkpoint("link-created");
    if (rename(tmp_link, d->link) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, d->link, 0, 0, "cannot replace: %s", strerror(errno));
        unlink(tmp_link);
        goto cleanup;
    }
    d->committed = 1;
    hs_checkpoint("link-switched");
    if (hs_fsync_dir(d->parent) < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, d->parent, 0, 0, "cannot sync to disk: %s",
                     strerror(errno));
        goto cleanup;
    }
    hs_checkpoint("parent-synced");
    remove_stale(d, base, diags);
    ret = 0;
cleanup:
    hs_free(tmp_link);
    return ret;
}

int hs_dir_lock(const char *dir, int *fd, hs_diags *diags)
{
    char *path = path3(dir, "", ".lock", "");
    int ret = -1;

    *fd = -1;
    if (!path) {
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
        return -1;
    }
    *fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (*fd < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                     "cannot create the lock file: %s; the directory must be writable",
                     strerror(errno));
        goto cleanup;
    }
    if (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno == EWOULDBLOCK) {
            ret = 1;
        } else {
            hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "cannot lock: %s", strerror(errno));
        }
        close(*fd);
        *fd = -1;
        goto cleanup;
    }
    ret = 0;
cleanup:
    hs_free(path);
    return ret;
}

void hs_dir_unlock(int fd)
{
    if (fd >= 0)
        close(fd);   /* releases the flock */
}
