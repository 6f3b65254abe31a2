/* replay.c - a fuzz target as an ordinary test: every file of its corpus
 * (tests/fuzz/corpus/TARGET, or the files and directories given) through
 * LLVMFuzzerTestOneInput(), one TAP test point each. A crash or a broken
 * promise kills the run, which the TAP driver reports as an error; the
 * file being replayed is printed first. Built with the normal compiler,
 * no libFuzzer needed: the suite replays the corpora in both builds. */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

#ifndef FUZZ_TARGET
#error "FUZZ_TARGET names the corpus directory"
#endif

static gint by_name(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(char *const *)a, *(char *const *)b);
}

/* The files of path: itself, or a directory's regular files, sorted. */
static void collect(const char *path, GPtrArray *files)
{
    if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
        g_ptr_array_add(files, g_strdup(path));
        return;
    }
    GError *error = NULL;
    GDir *dir = g_dir_open(path, 0, &error);
    if (dir == NULL) {
        printf("Bail out! %s\n", error->message);
        exit(1);
    }
    guint first = files->len;
    const char *name;
    while ((name = g_dir_read_name(dir)) != NULL) {
        char *file = g_build_filename(path, name, NULL);
        if (g_file_test(file, G_FILE_TEST_IS_REGULAR))
            g_ptr_array_add(files, file);
        else
            g_free(file);
    }
    g_dir_close(dir);
    if (files->len > first)
        qsort(files->pdata + first, files->len - first, sizeof(gpointer), by_name);
}

int main(int argc, char **argv)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            collect(argv[i], files);
    } else {
        const char *top = g_getenv("G_TEST_SRCDIR");
        char *dir =
            g_build_filename(top != NULL ? top : ".", "tests", "fuzz", "corpus", FUZZ_TARGET, NULL);
        if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
            printf("Bail out! no corpus %s (G_TEST_SRCDIR: the source tree)\n", dir);
            return 1;
        }
        collect(dir, files);
        g_free(dir);
    }
    if (files->len == 0) {
        printf("Bail out! no inputs for %s\n", FUZZ_TARGET);
        return 1;
    }
    printf("1..%u\n", files->len);
    int status = 0;
    for (guint i = 0; i < files->len; i++) {
        const char *file = files->pdata[i];
        gchar *text = NULL;
        gsize size = 0;
        GError *error = NULL;
        if (!g_file_get_contents(file, &text, &size, &error)) {
            printf("not ok %u - %s\n", i + 1, error->message);
            g_clear_error(&error);
            status = 1;
            continue;
        }
        /* exactly size bytes, so a read past the end is caught as under libFuzzer */
        void *data = g_memdup2(text, size);
        g_free(text);
        printf("# %s\n", file);
        fflush(stdout);
        LLVMFuzzerTestOneInput(data, size);
        g_free(data);
        printf("ok %u - %s\n", i + 1, file);
    }
    g_ptr_array_unref(files);
    return status;
}
