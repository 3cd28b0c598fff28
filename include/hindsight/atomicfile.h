/*
 * atomicfile.h - writing outputs so that an error, a signal, a crash or
 * another user sharing the directory never leaves a half-written or mixed
 * set of files (DESIGN.md section 8, "nothing lost"; hindsight(1), FILES
 * ON A SHARED MACHINE).
 *
 * One mechanism serves `export` and `rescore`: a set of entries is staged
 * under temporary names beside their targets, then renamed over them in one
 * step while the directory is locked.
 *
 *  - hs_outdir: an output directory, opened once; every entry in it is then
 *    reached relative to that descriptor, never through a symbolic link
 *    (O_NOFOLLOW, O_EXCL, *at() calls).  Opening warns when the directory
 *    is writable by group or others or owned by another user.
 *  - hs_outdir_lock: one writer at a time (an flock).
 *  - hs_afset: the set.  Files are written to .NAME.tmp-XXXXXX (one random
 *    tail XXXXXX for the whole set) and synced; nothing is renamed until
 *    every one is complete.  Then a marker .hindsight-set.tmp-XXXXXX is
 *    made and synced, the entries are renamed, the marker removed.  A
 *    rename that fails puts back what the earlier ones replaced (a hard
 *    link keeps each old file until the set is in); a process killed
 *    between two renames leaves the marker, and the next run's
 *    hs_af_clean() completes the set.  A signal noted with
 *    hs_af_interrupt() aborts the set before its renames start; once they
 *    start the set is finished first.  Other entries are never touched.
 *  - hs_afdir: a directory replaced as a whole: a fresh .NAME-XXXXXX is
 *    filled, then the symbolic link NAME is switched to it by a set of one
 *    entry, so readers and crashes see the old directory or the new.
 *  - hs_af_clean: removes what an interrupted or killed run left (only
 *    entries with hindsight's temporary names that are ours: regular files,
 *    links, or real directories owned by this user holding only files).
 *
 * Problems go to an hs_diags naming the path.  Ownership: the structs own
 * their strings, descriptors and streams; _release() frees them and removes
 * whatever was staged and not committed.
 */
#ifndef HINDSIGHT_ATOMICFILE_H
#define HINDSIGHT_ATOMICFILE_H

#include <stdio.h>
#include <stddef.h>
#include "diag.h"

typedef struct hs_outdir {
    char *path;          /* as given, for messages */
    int fd;              /* the directory (O_DIRECTORY), -1 when closed */
    int lock_fd;         /* the descriptor holding the flock, -1 when none */
    int created;         /* hs_outdir_open() made the directory */
} hs_outdir;

void hs_outdir_init(hs_outdir *d);
/* Unlock and close; with remove_if_created, also remove the directory when
 * this run made it and it is still empty. */
void hs_outdir_release(hs_outdir *d, int remove_if_created);

/*
 * Open the directory at path (the path itself may be a link the user
 * chose); with create, make it first (mode 0777 less the umask; one made
 * at the same moment by another process is fine).  A warning goes to diags
 * when it is writable by group or others, or owned by another user.
 * Returns 0, or -1 (diags): not a directory, cannot be made or opened.
 */
int hs_outdir_open(hs_outdir *d, const char *path, int create, hs_diags *diags);

/*
 * Take an exclusive flock: on the entry lock_name of the directory
 * (created if needed, never through a link, must be a regular file), or on
 * the directory itself when lock_name is NULL.  Waits up to wait_ms
 * milliseconds (0: not at all), giving up early on hs_af_interrupted().
 * Returns 0 (locked), 1 (another process holds it), -1 (diags).  The lock
 * goes with the process, even when killed.  A file system that cannot lock
 * a directory (NFS) gives 0 and a warning when lock_name is NULL.
 */
int hs_outdir_lock(hs_outdir *d, const char *lock_name, unsigned wait_ms, hs_diags *diags);

/* One staged entry. */
typedef struct hs_afile {
    char *name;          /* the target, an entry of the directory */
    char *tmp;           /* .NAME.tmp-XXXXXX while staged */
    char *link_to;       /* the target of a symbolic link entry; NULL for a file */
    int has_backup;      /* tmp.old is a hard link to the replaced file */
    FILE *fp;            /* open until hs_afset_commit() */
    int renamed;         /* tmp has been renamed over name */
} hs_afile;

typedef struct hs_afset {
    int dirfd;           /* borrowed */
    const char *dir;     /* borrowed, for messages */
    hs_afile *files;
    size_t n, alloc;
    char tag[8];         /* the random tail all staged names share */
    int busy;            /* counted in hs_af_busy() */
} hs_afset;

void hs_afset_init(hs_afset *s, int dirfd, const char *dir);
/* Close and remove every staged entry not committed, free everything. */
void hs_afset_release(hs_afset *s);

/*
 * Stage the file NAME.  Fails (NULL, the reason in diags) when NAME exists
 * and is not a regular file, the directory is not writable, or a signal was
 * noted.  Returns the stream to write the contents to; it belongs to the set.
 */
FILE *hs_afset_add(hs_afset *s, const char *name, hs_diags *diags);
/* Stage a symbolic link NAME -> target (NAME may be absent, a link, or a
 * regular file the caller means to replace).  Returns 0 or -1 (diags). */
int hs_afset_add_link(hs_afset *s, const char *name, const char *target, hs_diags *diags);

/*
 * Flush every file and sync it to disk, then rename each entry over its
 * target and sync the directory.  Returns 0, or -1 with the problem in
 * diags: then no target has changed (renames already made are undone).
 */
int hs_afset_commit(hs_afset *s, hs_diags *diags);

typedef struct hs_afdir {
    int parent_fd;       /* borrowed */
    const char *parent;  /* borrowed, for messages */
    char *name;          /* NAME, a symbolic link once committed */
    char *gen;           /* .NAME-XXXXXX, the new contents */
    char *path;          /* PARENT/.NAME-XXXXXX, for messages */
    int fd;              /* the new directory, open; -1 */
    int committed;
    int busy;
} hs_afdir;

void hs_afdir_init(hs_afdir *d);
/* Remove the new directory unless committed, free everything. */
void hs_afdir_release(hs_afdir *d);

/*
 * Create the hidden directory .NAME-XXXXXX (d->gen, open as d->fd) to fill.
 * Fails when NAME exists and is not a symbolic link (a directory made by
 * hand, say).  Returns 0 or -1 (diags).
 */
int hs_afdir_begin(hs_afdir *d, int parent_fd, const char *parent, const char *name,
                   hs_diags *diags);

/*
 * Sync the new directory and point NAME at it (a set of one link, see
 * hs_afset_commit).  Returns 0, or -1 (diags) with NAME as it was.  Old
 * copies are removed by hs_af_clean().
 */
int hs_afdir_commit(hs_afdir *d, hs_diags *diags);

/*
 * The directory the link NAME of the directory points at, checked to be
 * one hs_afdir made: ".NAME-XXXXXX", copied into gen (gen_size bytes).
 * Returns 1 found, 0 no such entry, -1 NAME is something else (diags).
 */
int hs_afdir_current(int parent_fd, const char *parent, const char *name, char *gen,
                     size_t gen_size, hs_diags *diags);

/*
 * First complete every set a killed run was renaming into place (its
 * marker is there): rename its staged entries of the names in names over
 * their targets.  Then remove what a killed or interrupted run left behind:
 * staged entries .N.tmp-XXXXXX[.old] of each name N in names (NULL-ended),
 * and with dir_name also every .DIR_NAME-XXXXXX directory except keep.
 * Only entries of this user are removed: files and links (unlinking a link
 * never touches what it points at), and real directories holding only
 * files and links; anything else under those names is left alone with a
 * warning.  Call it while holding the lock.
 */
void hs_af_clean(int dirfd, const char *dir, const char *const *names, const char *dir_name,
                 const char *keep, hs_diags *diags);

/*
 * Signals.  A front end that wants an interrupted write cleaned up installs
 * a handler that calls hs_af_interrupt() while hs_af_busy() (both
 * async-signal-safe) and otherwise lets the signal act: while a set or a
 * new directory is staged, the core notices the signal at its next step,
 * puts everything back and fails with "interrupted".  hs_af_interrupted()
 * is the signal noted (0 if none), for the front end to re-raise.
 */
void hs_af_interrupt(int signo);
int hs_af_interrupted(void);
int hs_af_busy(void);

/* Sync a directory's entries to disk.  Returns 0 or -1 (errno set). */
int hs_fsync_dirfd(int fd);

/*
 * A test hook: crash-safety tests stop the program at each step where a
 * crash could leave something half done.  The core calls hs_checkpoint()
 * at those steps; it does nothing until a front end installs a function
 * (the CLI honours HINDSIGHT_TEST_CRASH_AT, see hindsight(1)).
 */
typedef void (*hs_checkpoint_fn)(const char *where, void *ctx);
void hs_checkpoint_set(hs_checkpoint_fn fn, void *ctx);
void hs_checkpoint(const char *where);

#endif
