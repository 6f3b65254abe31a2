/* test_graph_file.c - the binary graph file: its checksum against Debian's
 * xxhsum, a round trip that gives back the same graph, and files damaged in
 * every section, cut short, of another version, or crafted with valid
 * checksums around broken structure: each a one-line error, never a crash.
 *
 * The header layout used to re-sign crafted files is the one documented in
 * src/graph/graph_file.c; if it changes, this test must change with it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "smm/bytes.h"
#include "smm/checksum.h"
#include "smm/core.h"
#include "smm/graph_file.h"
#include "testutil.h"

/* ---------------------------------------------------------------- checksum */

static void test_xxh64_vectors(void)
{
    g_autofree char *path = test_data_path("tests/data/expected/xxh64.txt");
    g_autofree char *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    guint checked = 0;
    for (char **l = lines; *l != NULL && **l != '\0'; l++) {
        guint len;
        guint64 want;
        g_assert_cmpint(sscanf(*l, "%u %" G_GINT64_MODIFIER "x", &len, &want), ==, 2);
        g_autofree guint8 *data = g_new(guint8, MAX(len, 1));
        for (guint i = 0; i < len; i++)
            data[i] = (guint8)((31 * i + 7) % 256);
        g_assert_cmphex(smm_checksum(data, len), ==, want);
        checked++;
    }
    g_assert_cmpuint(checked, >=, 20);
}

static void test_checksum_blocks_threads(void)
{
    gsize len = 3 * SMM_CHECKSUM_BLOCK + 12345;
    g_autofree guint8 *data = g_new(guint8, len);
    for (gsize i = 0; i < len; i++)
        data[i] = (guint8)(i * 2654435761u >> 13);
    guint64 one = smm_checksum_blocks(data, len, 1);
    g_assert_cmphex(one, ==, smm_checksum_blocks(data, len, 3));
    data[len - 1] ^= 1;
    g_assert_cmphex(one, !=, smm_checksum_blocks(data, len, 2));
}

/* --------------------------------------------------------------- the file */

typedef struct {
    gchar *dir;
    gchar *path;
    SmmGraph *g;
    SmmImportSummary summary;
} Fixture;

static void write_graph(const SmmGraph *g, const SmmImportSummary *s, const char *path)
{
    FILE *fp = fopen(path, "wb");
    g_assert_nonnull(fp);
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_graph_file_write(g, s, fp, path, 2, &error));
    g_assert_no_error(error);
    g_assert_cmpint(fclose(fp), ==, 0);
}

static void setup(Fixture *fx, gconstpointer data)
{
    const char *const *spec = data; /* graph, reverse, undirected, p column */
    fx->dir = g_dir_make_tmp("smm-graph-file-XXXXXX", NULL);
    fx->path = g_build_filename(fx->dir, "g.smmg", NULL);
    gboolean reverse = spec[1][0] == '1', undirected = spec[2][0] == '1';
    const char *p = spec[3][0] != '\0' ? spec[3] : NULL;
    fx->g = test_load_graph(spec[0], reverse, undirected, p);
    fx->summary = (SmmImportSummary){.source = g_strdup(spec[0]),
                                     .rows_read = 1234,
                                     .edges = fx->g->undirected ? fx->g->m / 2 : fx->g->m,
                                     .self_loops = 5,
                                     .delimiter = ',',
                                     .header = TRUE,
                                     .reverse = reverse,
                                     .undirected = undirected,
                                     .p_column = g_strdup(p),
                                     .p_column_index = p != NULL ? 3 : 0};
    write_graph(fx->g, &fx->summary, fx->path);
}

static void teardown(Fixture *fx, gconstpointer data)
{
    g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", fx->dir);
    g_assert_cmpint(system(cmd), ==, 0);
    g_free(fx->dir);
    g_free(fx->path);
    smm_graph_free(fx->g);
    smm_import_summary_clear(&fx->summary);
}

static void test_round_trip(Fixture *fx, gconstpointer data)
{
    SmmImportSummary s;
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_graph_file_sniff(fx->path));
    g_autoptr(SmmGraph) h = smm_graph_file_open(fx->path, 3, &s, &error);
    g_assert_no_error(error);
    const SmmGraph *g = fx->g;
    g_assert_cmpuint(h->n, ==, g->n);
    g_assert_cmpuint(h->m, ==, g->m);
    g_assert_cmpint(h->undirected, ==, g->undirected);
    gsize off = sizeof(guint64) * (g->n + 1);
    g_assert_cmpmem(h->out_off, off, g->out_off, off);
    g_assert_cmpmem(h->in_off, off, g->in_off, off);
    g_assert_cmpmem(h->out_adj, 4 * g->m, g->out_adj, 4 * g->m);
    g_assert_cmpmem(h->in_adj, 4 * g->m, g->in_adj, 4 * g->m);
    g_assert_true((h->out_p == NULL) == (g->out_p == NULL));
    if (g->out_p != NULL)
        g_assert_cmpmem(h->out_p, 4 * g->m, g->out_p, 4 * g->m);
    for (guint32 v = 0; v < g->n; v++) {
        guint32 id;
        const char *name = smm_names_get(g->names, v, NULL);
        g_assert_cmpstr(smm_names_get(h->names, v, NULL), ==, name);
        g_assert_true(smm_names_lookup(h->names, name, (guint32)strlen(name), &id));
        g_assert_cmpuint(id, ==, v);
    }
    g_assert_cmpstr(s.source, ==, fx->summary.source);
    g_assert_cmpuint(s.rows_read, ==, 1234);
    g_assert_cmpuint(s.self_loops, ==, 5);
    g_assert_cmpint(s.delimiter, ==, ',');
    g_assert_cmpint(s.reverse, ==, fx->summary.reverse);
    g_assert_cmpstr(s.p_column, ==, fx->summary.p_column);
    g_assert_nonnull(s.created);
    /* names added after mapping join the borrowed ones */
    guint32 id;
    g_assert_true(smm_names_intern(h->names, "somebody new", 12, &id, NULL));
    g_assert_cmpuint(id, ==, g->n);
    smm_graph_add_accounts(h, g->n + 1);
    g_assert_cmpuint(smm_graph_in_degree(h, g->n), ==, 0);
    g_assert_cmpstr(smm_names_get(h->names, 0, NULL), ==, smm_names_get(g->names, 0, NULL));
    smm_import_summary_clear(&s);
}

/* The file's bytes, changed by the test and written back. */
typedef struct {
    gchar *bytes;
    gsize len;
} Bytes;

static Bytes read_bytes(const char *path)
{
    Bytes b;
    g_assert_true(g_file_get_contents(path, &b.bytes, &b.len, NULL));
    return b;
}

/* Section `kind`'s offset and size, from the documented header. */
static gboolean find_section(const Bytes *b, guint32 kind, guint64 *offset, guint64 *size)
{
    guint32 count;
    memcpy(&count, b->bytes + 48, 4);
    for (guint32 i = 0; i < count; i++) {
        const gchar *e = b->bytes + 56 + 32 * i;
        guint32 k;
        memcpy(&k, e, 4);
        if (k == kind) {
            *offset = smm_load_le64(e + 8);
            *size = smm_load_le64(e + 16);
            return TRUE;
        }
    }
    return FALSE;
}

/* Recomputes every checksum, so that only the structure is wrong. */
static void resign(Bytes *b)
{
    guint32 count;
    memcpy(&count, b->bytes + 48, 4);
    for (guint32 i = 0; i < count; i++) {
        gchar *e = b->bytes + 56 + 32 * i;
        smm_store_le64(
            e + 24, smm_checksum_blocks(b->bytes + smm_load_le64(e + 8), smm_load_le64(e + 16), 1));
    }
    smm_store_le64(b->bytes + 4088, smm_checksum(b->bytes, 4088));
}

static void expect_open_error(const Fixture *fx, Bytes *b, const char *pattern)
{
    g_autofree char *bad = g_build_filename(fx->dir, "bad.smmg", NULL);
    g_assert_true(g_file_set_contents(bad, b->bytes, (gssize)b->len, NULL));
    g_free(b->bytes);
    SmmImportSummary s;
    g_autoptr(GError) error = NULL;
    SmmGraph *h = smm_graph_file_open(bad, 2, &s, &error);
    g_assert_null(h);
    g_assert_nonnull(error);
    if (!g_regex_match_simple(pattern, error->message, 0, 0))
        g_error("expected /%s/, got: %s", pattern, error->message);
    g_assert_null(strchr(error->message, '\n'));
}

static void test_damage_each_section(Fixture *fx, gconstpointer data)
{
    static const char *const names[] = {NULL,
                                        "followee offsets",
                                        "followee lists",
                                        "follower offsets",
                                        "follower lists",
                                        "probabilities",
                                        "name index",
                                        "names",
                                        "import summary"};
    guint damaged = 0;
    for (guint32 kind = 1; kind < G_N_ELEMENTS(names); kind++) {
        Bytes b = read_bytes(fx->path);
        guint64 offset = 0, size = 0;
        if (!find_section(&b, kind, &offset, &size) || size == 0) {
            g_free(b.bytes);
            continue;
        }
        b.bytes[offset + size / 2] ^= 0x40;
        g_autofree char *pattern =
            g_strdup_printf("damaged graph file: the %s section's checksum does not match; "
                            "import the follower file again",
                            names[kind]);
        expect_open_error(fx, &b, pattern);
        damaged++;
    }
    g_assert_cmpuint(damaged, >=, 5);
}

static void test_damaged_header(Fixture *fx, gconstpointer data)
{
    Bytes b = read_bytes(fx->path);
    b.bytes[30] ^= 1; /* the account count */
    expect_open_error(fx, &b, "the header's checksum does not match");
    b = read_bytes(fx->path);
    b.len -= 100;
    expect_open_error(fx, &b, "but the header says [0-9]+ \\(cut short\\?\\)");
    b = read_bytes(fx->path);
    b.bytes[8] = 2; /* version 2 */
    expect_open_error(fx, &b, "graph file format version 2; this smmgraph reads version 1");
    b = read_bytes(fx->path);
    memcpy(b.bytes, "SMMGRAPX", 8);
    expect_open_error(fx, &b, "not a smmgraph graph file$");
    b = read_bytes(fx->path);
    b.bytes[13] = 9; /* the byte-order mark */
    expect_open_error(fx, &b, "another byte order");
}

/* Valid checksums around a broken structure. */
static void test_crafted_structure(Fixture *fx, gconstpointer data)
{
    const SmmGraph *g = fx->g;
    guint64 offset = 0, size = 0;
    guint32 v = 0; /* an account following two or more */
    while (smm_graph_out_degree(g, v) < 2)
        v++;

    Bytes b = read_bytes(fx->path);
    g_assert_true(find_section(&b, 2, &offset, &size));
    guint32 big = g->n;
    memcpy(b.bytes + offset + 4 * g->out_off[v], &big, 4);
    resign(&b);
    expect_open_error(fx, &b, "the followee lists hold an account id out of range or out of order");

    b = read_bytes(fx->path);
    g_assert_true(find_section(&b, 2, &offset, &size));
    gchar *row = b.bytes + offset + 4 * g->out_off[v];
    gchar tmp[4];
    memcpy(tmp, row, 4);
    memcpy(row, row + 4, 4);
    memcpy(row + 4, tmp, 4);
    resign(&b);
    expect_open_error(fx, &b, "the followee lists hold an account id out of range or out of order");

    b = read_bytes(fx->path);
    g_assert_true(find_section(&b, 1, &offset, &size));
    smm_store_le64(b.bytes + offset + 8 * (v + 1), smm_load_le64(b.bytes + offset + 8 * v) - 1);
    resign(&b);
    expect_open_error(fx, &b, "the followee offsets decrease at account");

    b = read_bytes(fx->path);
    g_assert_true(find_section(&b, 1, &offset, &size));
    smm_store_le64(b.bytes + offset + 8 * g->n, g->m + 1);
    resign(&b);
    expect_open_error(fx, &b, "the followee offsets do not run from 0 to the edge count");

    b = read_bytes(fx->path);
    g_assert_true(find_section(&b, 6, &offset, &size));
    guint32 far = G_MAXUINT32;
    memcpy(b.bytes + offset + 4 * (g->n / 2), &far, 4);
    resign(&b);
    expect_open_error(fx, &b, "the entry of account [0-9]+ in the names is broken");

    b = read_bytes(fx->path);
    g_assert_true(find_section(&b, 8, &offset, &size));
    memset(b.bytes + offset, '#', size);
    resign(&b);
    expect_open_error(fx, &b, "the import summary cannot be read");

    if (g->out_p != NULL) {
        b = read_bytes(fx->path);
        g_assert_true(find_section(&b, 5, &offset, &size));
        float p = 1.5f;
        memcpy(b.bytes + offset + 4 * (g->m / 2), &p, 4);
        resign(&b);
        expect_open_error(fx, &b, "a probability outside \\[0, 1\\]");
    }
}

/* Handles beside names (smm_names_set_label) come back from the file,
 * and a handles section out of shape is an error like any other. */
static void test_labels(Fixture *fx, gconstpointer data)
{
    SmmGraph *g = fx->g;
    smm_names_set_label(g->names, 0, "ana_12", 6);
    smm_names_set_label(g->names, g->n - 1, "山田太郎", strlen("山田太郎"));
    smm_names_set_label(g->names, g->n / 2, "b", 1);
    write_graph(g, &fx->summary, fx->path);
    SmmImportSummary s;
    g_autoptr(GError) error = NULL;
    g_autoptr(SmmGraph) h = smm_graph_file_open(fx->path, 2, &s, &error);
    g_assert_no_error(error);
    for (guint32 v = 0; v < g->n; v++)
        g_assert_cmpstr(smm_names_label(h->names, v), ==, smm_names_label(g->names, v));
    smm_import_summary_clear(&s);

    guint64 offset = 0, size = 0;
    Bytes b = read_bytes(fx->path);
    g_assert_true(find_section(&b, 9, &offset, &size));
    guint64 last = 0; /* the last entry: no later id to be out of order with */
    for (guint64 at = 0; at < size;) {
        last = at;
        guint32 len = smm_load_le32(b.bytes + offset + at + 4);
        at += 8 + len + (4 - len % 4) % 4;
    }
    smm_store_le32(b.bytes + offset + last, g->n); /* an account that is not there */
    resign(&b);
    g_autofree gchar *beyond =
        g_strdup_printf("the handles section has a bad entry for account %u;", g->n);
    expect_open_error(fx, &b, beyond);

    b = read_bytes(fx->path);
    g_assert_true(find_section(&b, 9, &offset, &size));
    smm_store_le32(b.bytes + offset + 4, (guint32)size); /* past the section's end */
    resign(&b);
    expect_open_error(fx, &b, "the handles section has a bad entry for account 0");
}

static void test_not_a_graph_file(void)
{
    g_autofree char *csv = test_data_path("tests/data/karate.csv");
    g_assert_false(smm_graph_file_sniff(csv));
    g_assert_false(smm_graph_file_sniff("-"));
    g_assert_false(smm_graph_file_sniff("/nonexistent/file"));
    SmmImportSummary s;
    g_autoptr(GError) error = NULL;
    g_assert_null(smm_graph_file_open(csv, 1, &s, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_PARSE);
    g_assert_nonnull(strstr(error->message, "not a smmgraph graph file"));
}

static const char *const karate[] = {"tests/data/karate.csv", "0", "1", ""};
static const char *const congress[] = {"graphs/congress-twitter.csv", "1", "0", "weight"};
static const char *const higgs[] = {"graphs/higgs-followers.csv.gz", "0", "0", ""};

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    g_test_add_func("/graph-file/xxh64-vectors", test_xxh64_vectors);
    g_test_add_func("/graph-file/checksum-threads", test_checksum_blocks_threads);
    g_test_add_func("/graph-file/not-ours", test_not_a_graph_file);
    const struct {
        const char *name;
        const char *const *spec;
    } graphs[] = {{"karate", karate}, {"congress", congress}, {"higgs", higgs}};
    for (guint i = 0; i < G_N_ELEMENTS(graphs); i++) {
        g_autofree char *rt = g_strdup_printf("/graph-file/round-trip/%s", graphs[i].name);
        g_autofree char *ds = g_strdup_printf("/graph-file/damaged-section/%s", graphs[i].name);
        g_autofree char *cr = g_strdup_printf("/graph-file/crafted/%s", graphs[i].name);
        g_test_add(rt, Fixture, graphs[i].spec, setup, test_round_trip, teardown);
        g_test_add(ds, Fixture, graphs[i].spec, setup, test_damage_each_section, teardown);
        g_test_add(cr, Fixture, graphs[i].spec, setup, test_crafted_structure, teardown);
    }
    g_test_add("/graph-file/damaged-header", Fixture, congress, setup, test_damaged_header,
               teardown);
    g_test_add("/graph-file/labels", Fixture, congress, setup, test_labels, teardown);
    return g_test_run();
}
