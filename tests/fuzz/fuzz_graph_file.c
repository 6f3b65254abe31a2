/* fuzz_graph_file.c - the graph file reader (smm_graph_file_open) on any
 * bytes, then the kernels a run starts with on whatever it accepted.
 *
 * Random bytes rarely get past the checksums, so before reading the target
 * puts right what a mutation breaks trivially (the header's file size, the
 * checksum of every section the header places inside the file, the
 * header's own checksum) and the fuzzer reaches the structure checks: the
 * promise is that a file they accept is safe for every kernel. The
 * checksum checks themselves are tests/unit/test_graph_file.c's. The bytes
 * reach the reader as a memory file (it maps a path).
 */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "smm/bytes.h"
#include "smm/checksum.h"
#include "smm/graph_file.h"
#include "smm/metrics.h"

#define HEADER_SIZE 4096u
#define SECTION_TABLE 56u
#define SECTION_ENTRY 32u
#define MAX_SECTIONS ((HEADER_SIZE - 8u - SECTION_TABLE) / SECTION_ENTRY)

static void store_le64(guint8 *p, guint64 v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (guint8)(v >> (8 * i));
}

/* The layout is graph_file.c's (its header comment). */
static void repair(guint8 *f, gsize size)
{
    if (size < HEADER_SIZE)
        return;
    store_le64(f + 40, size);
    guint32 n_sec = MIN(smm_load_le32(f + 48), MAX_SECTIONS);
    for (guint32 i = 0; i < n_sec; i++) {
        guint8 *e = f + SECTION_TABLE + SECTION_ENTRY * i;
        guint64 offset = smm_load_le64(e + 8), bytes = smm_load_le64(e + 16);
        if (bytes <= size && offset <= size - bytes)
            store_le64(e + 24, smm_checksum_blocks(f + offset, bytes, 1));
    }
    store_le64(f + HEADER_SIZE - 8, smm_checksum(f, HEADER_SIZE - 8));
}

static void run_kernels(SmmGraph *g)
{
    guint32 n = g->n;
    for (guint32 v = 0; v < n; v++) {
        guint32 len;
        const char *name = smm_names_get(g->names, v, &len);
        FUZZ_CHECK(name != NULL && name[len] == '\0');
    }
    g_autofree double *out = g_new(double, MAX(n, 1));
    g_autofree double *hub = g_new(double, MAX(n, 1));
    SmmIterOptions iter;
    smm_iter_options_init(&iter);
    iter.max_iterations = 30;
    SmmIterResult result;
    smm_metrics_pagerank(g, NULL, 0.85, &iter, 1, out, &result);
    smm_metrics_hits(g, &iter, 1, out, hub, &result);
    smm_metrics_leaderrank(g, &iter, 1, out, &result);
    smm_metrics_coreness(g, 1, out);
    for (guint32 v = 0; v < n; v++)
        FUZZ_CHECK(out[v] >= 0 && out[v] <= (double)g->m);
    const float *in_p = smm_graph_in_probabilities(g);
    FUZZ_CHECK((in_p != NULL) == (g->out_p != NULL));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    guint8 *bytes = g_memdup2(data, size);
    repair(bytes, size);
    FuzzMemFile mf;
    fuzz_memfile_open(&mf, bytes, size);
    g_free(bytes);
    SmmImportSummary summary = {0};
    GError *error = NULL;
    FUZZ_CHECK(smm_graph_file_sniff(mf.path) == (size >= 8 && memcmp(data, "SMMGRAPH", 8) == 0));
    SmmGraph *g = smm_graph_file_open(mf.path, 1, &summary, &error);
    if (g == NULL) {
        FUZZ_CHECK(error != NULL && error->message[0] != '\0');
        g_error_free(error);
    } else {
        run_kernels(g);
        smm_import_summary_clear(&summary);
        smm_graph_free(g);
    }
    fuzz_memfile_close(&mf);
    return 0;
}
