/* fsutil.c - reading files and listing directories, with clear errors. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hindsight/alloc.h"
#include "internal.h"

char *hs_path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p;

    if (strcmp(dir, ".") == 0)
        return hs_strdup(name);   /* "forecasts/x.json", not "./forecasts/x.json" */
    while (a > 1 && dir[a - 1] == '/')
        a--;
    p = hs_malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    return p;
}

FILE *hs_open_data_file(const char *path, hs_diags *diags)
{
    struct stat st;
    FILE *fp = NULL;
    int fd, flags;

    /* O_NONBLOCK: opening a FIFO must not wait for a writer */
    fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "cannot open file: %s",
                     strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) < 0)
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "cannot open file: %s",
                     strerror(errno));
    else if (S_ISDIR(st.st_mode))
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "is a directory, expected a file");
    else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                     "is not a regular file (a device or a socket); expected a file");
    else if ((flags = fcntl(fd, F_GETFL)) < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 ||
             !(fp = fdopen(fd, "rb")))
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "cannot open file: %s",
                     strerror(errno));
    if (!fp)
        close(fd);
    return fp;
}

void hs_report_bad_byte(hs_diags *diags, const char *path, unsigned long line,
                        unsigned long column, const unsigned char *at, size_t avail)
{
    if (line == 1 && column == 1 && avail >= 2 &&
        ((at[0] == 0xff && at[1] == 0xfe) || (at[0] == 0xfe && at[1] == 0xff)))
        hs_diags_add(diags, HS_SEV_ERROR, path, line, column,
                     "the file is UTF-16 (it starts with the byte-order mark %02X %02X); save it as UTF-8",
                     at[0], at[1]);
    else if (at[0] == 0)
        hs_diags_add(diags, HS_SEV_ERROR, path, line, column,
                     "NUL byte; the file must be UTF-8 text; the rest of the file was not read");
    else
        hs_diags_add(diags, HS_SEV_ERROR, path, line, column,
                     "invalid UTF-8 (byte 0x%02X); save the file as UTF-8; the rest of the file was not read",
                     at[0]);
}

/* Line and column (code points) of byte off in text, lines ending at LF,
 * CRLF or CR. */
static void text_position(const char *text, size_t off, unsigned long *line,
                          unsigned long *column)
{
    size_t i;

    *line = *column = 1;
    /* columns count from after a byte-order mark, as the JSON loader's do */
    i = strncmp(text, "\xEF\xBB\xBF", 3) == 0 && off >= 3 ? 3 : 0;
    for (; i < off; i++) {
        if (text[i] == '\r' || (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))) {
            ++*line;
            *column = 1;
        } else if (text[i] != '\n' && ((unsigned char)text[i] & 0xc0) != 0x80) {
            ++*column;
        }
    }
}

int hs_read_file(const char *path, char **text, size_t *len, hs_diags *diags)
{
    FILE *fp = NULL;
    char *buf = NULL;
    size_t size = 0, alloc = 0, got, checked = 0, bad, complete;
    int ret = -1;

    *text = NULL;
    *len = 0;
    fp = hs_open_data_file(path, diags);
    if (!fp)
        goto cleanup;
    for (;;) {
        size_t want = size + 65536 + 1;

        /* the limit bounds memory even for a pipe that never ends */
        if (want > HS_MAX_JSON_FILE + 2)
            want = HS_MAX_JSON_FILE + 2;
        if (hs_grow((void **)&buf, &alloc, want, 1) < 0) {
            hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "out of memory");
            goto cleanup;
        }
        got = fread(buf + size, 1, want - size - 1, fp);
        size += got;
        /* stop at the first byte that cannot be text: a feeder writing
         * NUL bytes or binary for ever is refused at once */
        bad = hs_utf8_scan(buf + checked, size - checked, got == 0, &complete);
        if (bad < size - checked) {
            unsigned long line, column;
            size_t off = checked + bad;

            text_position(buf, off, &line, &column);
            hs_report_bad_byte(diags, path, line, column, (unsigned char *)buf + off,
                               size - off);
            goto cleanup;
        }
        checked += complete;
        if (size > HS_MAX_JSON_FILE) {
            hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0,
                         "file is larger than %zu MiB, the most a JSON file may hold; split it, or use a bulk CSV file (docs/formats.md)",
                         HS_MAX_JSON_FILE >> 20);
            goto cleanup;
        }
        if (got == 0)
            break;
    }
    if (ferror(fp)) {
        hs_diags_add(diags, HS_SEV_ERROR, path, 0, 0, "cannot read file: %s",
                     strerror(errno));
        goto cleanup;
    }
    buf[size] = '\0';
    *text = buf;
    *len = size;
    buf = NULL;
    ret = 0;
cleanup:
    hs_free(buf);
    if (fp)
        fclose(fp);
    return ret;
}

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void hs_free_list(char **list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        hs_free(list[i]);
    hs_free(list);
}

int hs_list_dir(const char *dir, const char *ext, char ***paths, size_t *n,
                hs_diags *diags)
{
    DIR *d;
    struct dirent *e;
    char **list = NULL;
    size_t count = 0, alloc = 0, el = strlen(ext);
    int ret = -1;

    *paths = NULL;
    *n = 0;
    d = opendir(dir);
    if (!d) {
        hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "cannot open directory: %s",
                     strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t nl = strlen(e->d_name);

        if (e->d_name[0] == '.' || nl <= el || strcmp(e->d_name + nl - el, ext) != 0)
            continue;
        if (hs_grow((void **)&list, &alloc, count + 1, sizeof(*list)) < 0 ||
            !(list[count] = hs_path_join(dir, e->d_name))) {
            hs_diags_add(diags, HS_SEV_ERROR, dir, 0, 0, "out of memory");
            goto cleanup;
        }
        count++;
    }
    if (count)
        qsort(list, count, sizeof(*list), path_cmp);
    *paths = list;
    *n = count;
    list = NULL;
    count = 0;
    ret = 0;
cleanup:
    hs_free_list(list, count);
    closedir(d);
    return ret;
}
