/*
 * bench/libcsv-floor.c - how long libcsv alone takes to parse a file, with
 * callbacks that only count: the floor under any hindsight command that
 * reads a bulk CSV (docs/scale.md).  Not part of the build.
 *
 *   cc -O2 -o /tmp/libcsv-floor bench/libcsv-floor.c -lcsv
 *   /usr/bin/time /tmp/libcsv-floor FILE.csv
 */
#include <csv.h>
#include <stdio.h>

static size_t n_fields, n_rows;

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    (void)data;
    n_fields++;
}

static void on_row(int c, void *data)
{
    (void)c;
    (void)data;
    n_rows++;
}

int main(int argc, char **argv)
{
    static char buf[1 << 20];
    struct csv_parser p;
    FILE *f;
    size_t n;

    if (argc != 2 || !(f = fopen(argv[1], "rb"))) {
        fprintf(stderr, "usage: libcsv-floor FILE.csv\n");
        return 2;
    }
    csv_init(&p, CSV_APPEND_NULL);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_row, NULL) != n) {
            fprintf(stderr, "libcsv-floor: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    csv_fini(&p, on_field, on_row, NULL);
    csv_free(&p);
    fclose(f);
    printf("%zu fields, %zu rows\n", n_fields, n_rows);
    return 0;
}
