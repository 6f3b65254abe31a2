/* fuzz_common.c - the targets' shared helpers (fuzz.h). */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

void fuzz_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "%s:%d: broken promise: %s\n", file, line, what);
    abort();
}

gboolean fuzz_known(const char *defect)
{
    static gchar **known;
    if (known == NULL)
        known = g_strsplit(g_getenv("SMM_FUZZ_KNOWN") != NULL ? g_getenv("SMM_FUZZ_KNOWN") : "",
                           ",", -1);
    return g_strv_contains((const gchar *const *)known, defect);
}

void fuzz_memfile_open(FuzzMemFile *f, const void *data, size_t size)
{
    f->fd = memfd_create("smm-fuzz", MFD_CLOEXEC);
    if (f->fd < 0) {
        perror("memfd_create");
        abort();
    }
    const char *p = data;
    for (size_t done = 0; done < size;) {
        ssize_t n = write(f->fd, p + done, size - done);
        if (n <= 0) {
            perror("memfd write");
            abort();
        }
        done += (size_t)n;
    }
    /* the path reopens the memory file, as a mapping of a file would */
    g_snprintf(f->path, sizeof f->path, "/proc/self/fd/%d", f->fd);
}

void fuzz_memfile_close(FuzzMemFile *f)
{
    close(f->fd);
    f->fd = -1;
}
