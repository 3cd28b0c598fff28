/*
 * atomicfile.h - writing outputs so that an error or a crash never leaves a
 * half-written one (DESIGN.md section 8, "nothing lost").
 *
 *  - hs_afset: a set of files in a directory, each written to a temporary
 *    file beside its target, flushed to disk, then renamed over the target.
 *    Nothing is renamed until every file is written; a rename that fails
 *    puts back what the earlier renames replaced.  Other files in the
 *    directory are never touched.
 *  - hs_afdir: a directory replaced as a whole: a fresh hidden directory is
 *    filled, then a symbolic link is switched to it with one rename, so a
 *    reader (or a crash) sees the old directory or the new, never a mix.
 *  - hs_dir_lock: one process at a time in a directory.
 *
 * Temporary names start with '.', contain ".tmp-" and are removed on every
 * path out except a crash.  Problems go to an hs_diags naming the path.
 *
 * Ownership: the structs own their strings and streams; _release() frees
 * them and removes whatever was not committed.
 */
#ifndef HINDSIGHT_ATOMICFILE_H
#define HINDSIGHT_ATOMICFILE_H

#include <stdio.h>
#include <stddef.h>
#include "diag.h"

typedef struct hs_afile {
    char *path;          /* the target, DIR/NAME */
    char *tmp;           /* DIR/.NAME.tmp-XXXXXX while not committed */
    char *backup;        /* a hard link to the replaced file during commit */
    FILE *fp;            /* open until hs_afset_commit() */
    int renamed;         /* tmp has been renamed over path */
} hs_afile;

typedef struct hs_afset {
    hs_afile *files;
    size_t n, alloc;
} hs_afset;

void hs_afset_init(hs_afset *s);
/* Close and remove every temporary file not committed, free everything. */
void hs_afset_release(hs_afset *s);

/*
 * Start writing DIR/NAME.  Fails (NULL, the reason in diags) when DIR is not
 * a writable directory or DIR/NAME exists and is not a regular file.
 * Returns the stream to write the contents to; it belongs to the set.
 */
FILE *hs_afset_add(hs_afset *s, const char *dir, const char *name, hs_diags *diags);

/*
 * Flush every file and sync it to disk, then rename each over its target and
 * sync the directories.  Returns 0, or -1 with the problem in diags: then
 * no target has changed (renames already made are undone).
 */
int hs_afset_commit(hs_afset *s, hs_diags *diags);

typedef struct hs_afdir {
    char *parent;        /* the directory holding the link */
    char *link;          /* PARENT/NAME, a symbolic link once committed */
    char *dir;           /* PARENT/.NAME-XXXXXX, the new contents */
    int committed;
} hs_afdir;

void hs_afdir_init(hs_afdir *d);
/* Remove the new directory unless committed, free everything. */
void hs_afdir_release(hs_afdir *d);

/*
 * Create the hidden directory PARENT/.NAME-XXXXXX to fill (d->dir).  Fails
 * when PARENT/NAME exists and is not a symbolic link (a directory made by
 * hand, say).  Returns 0 or -1 (diags).
 */
int hs_afdir_begin(hs_afdir *d, const char *parent, const char *name, hs_diags *diags);

/*
 * Sync d->dir, point PARENT/NAME at it with one rename and sync PARENT;
 * then remove the directory it pointed at before and any PARENT/.NAME-*
 * left by a crashed run.  Returns 0, or -1 (diags) with PARENT/NAME as it
 * was.  A failure to remove an old directory is only a warning.
 */
int hs_afdir_commit(hs_afdir *d, hs_diags *diags);

/*
 * Take an exclusive lock on DIR (an flock on DIR/.lock, created if needed),
 * without waiting.  Returns 0 with *fd set, 1 when another process holds it,
 * -1 on an error (diags).  The lock goes with the process, even when killed.
 */
int hs_dir_lock(const char *dir, int *fd, hs_diags *diags);
void hs_dir_unlock(int fd);

/* Sync a directory's entries to disk.  Returns 0 or -1 (errno set). */
int hs_fsync_dir(const char *dir);
/* Sync the directory holding path (after a new entry in it): "." when path
 * has no '/'.  Returns 0 or -1 (errno set). */
int hs_fsync_parent(const char *path);

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
