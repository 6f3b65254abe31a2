/* fuzz.h - what the fuzz targets share.
 *
 * Each target is one LLVMFuzzerTestOneInput(): built with libFuzzer by
 * ./configure --enable-fuzzing (scripts/fuzz runs it), and with replay.c
 * as an ordinary test that feeds it every file of its corpus. Targets
 * read their input from memory (SmmCsvOptions.data); the first byte of an
 * importer's input picks its options, so the fuzzer explores those too.
 */
#ifndef SMM_FUZZ_H
#define SMM_FUZZ_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A promise of the code under test. A broken one aborts, which both
 * libFuzzer and the replay test report as a failure. */
#define FUZZ_CHECK(cond) ((cond) ? (void)0 : fuzz_fail(#cond, __FILE__, __LINE__))
G_GNUC_NORETURN void fuzz_fail(const char *what, const char *file, int line);

/* TRUE when the environment's SMM_FUZZ_KNOWN (a comma-separated list)
 * names this defect: a run can then look past a broken promise already
 * reported, whose reproducer waits in tests/fuzz/crashes/ for its fix. */
gboolean fuzz_known(const char *defect);

/* Bytes as a file with a path, in an anonymous memory file (no file
 * system), for readers that take only a path (the graph file's mapping). */
typedef struct {
    int fd;
    char path[40];
} FuzzMemFile;

void fuzz_memfile_open(FuzzMemFile *f, const void *data, size_t size);
void fuzz_memfile_close(FuzzMemFile *f);

#endif
