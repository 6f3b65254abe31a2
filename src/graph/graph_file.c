/* graph_file.c - writing and mapping the binary graph file (.smmg).
 *
 * Layout, version 1, every integer little-endian:
 *
 *   bytes 0..4095  header
 *     0   "SMMGRAPH"                 8 bytes
 *     8   u32 version (1)
 *     12  u32 byte-order mark 0x01020304
 *     16  u32 header size (4096)
 *     20  u32 flags: 1 undirected, 2 probabilities
 *     24  u64 accounts n
 *     32  u64 directed edges m
 *     40  u64 file size
 *     48  u32 number of sections, u32 0
 *     56  sections, 32 bytes each: u32 kind, u32 0, u64 offset, u64 size,
 *         u64 checksum (smm_checksum_blocks of the section's bytes)
 *     4088 u64 smm_checksum of bytes 0..4087
 *   then each section at an offset that is a multiple of 4096:
 *     1 followee offsets  u64 x (n + 1)   row v of out: [off[v], off[v+1])
 *     2 followee lists    u32 x m         ascending in each row
 *     3 follower offsets  u64 x (n + 1)   (absent when undirected: same as 1)
 *     4 follower lists    u32 x m         (absent when undirected: same as 2)
 *     5 probabilities     f32 x m         in followee-list order (flag 2 only)
 *     6 name index        u32 x n         entry of id i, in 8-byte units
 *     7 names             entries [u32 length][bytes][NUL], each padded to 8
 *     8 import summary    UTF-8 key file ([import] source=, rows_read=, ...)
 *     9 handles           (optional) entries [u32 id][u32 length][bytes],
 *                         each padded to 4 bytes, ids ascending: the labels
 *                         beside account names (smm_names_label)
 *
 * Opening checks the header, the sizes against n and m, each checksum, and
 * then the structure the kernels index by (offsets from 0 to m, ids below
 * n, rows strictly ascending, name entries inside the names section), so a
 * file that is damaged, truncated, or not ours ends in a one-line error.
 * The checks read every page once: 1.2 s for the 1.4 GB file of a
 * 122M-follow graph from the page cache on two cores.
 */
#include "smm/graph_file.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "smm/bytes.h"
#include "smm/checksum.h"
#include "smm/core.h"
#include "smm/parallel.h"

#define MAGIC "SMMGRAPH"
#define FORMAT_VERSION 1u
#define BYTE_ORDER_MARK 0x01020304u
#define HEADER_SIZE 4096u
#define ALIGNMENT 4096u
#define SECTION_TABLE 56u
#define SECTION_ENTRY 32u
#define MAX_SECTIONS ((HEADER_SIZE - 8u - SECTION_TABLE) / SECTION_ENTRY)
#define FLAG_UNDIRECTED 1u
#define FLAG_PROBABILITIES 2u
#define ROW_BLOCK 65536u

typedef enum {
    SEC_OUT_OFF = 1,
    SEC_OUT_ADJ,
    SEC_IN_OFF,
    SEC_IN_ADJ,
    SEC_OUT_P,
    SEC_NAME_INDEX,
    SEC_NAMES,
    SEC_INFO,
    SEC_LABELS,
    N_KINDS
} SectionKind;

static const char *const section_name[N_KINDS] = {
    [SEC_OUT_OFF] = "followee offsets",
    [SEC_OUT_ADJ] = "followee lists",
    [SEC_IN_OFF] = "follower offsets",
    [SEC_IN_ADJ] = "follower lists",
    [SEC_OUT_P] = "probabilities",
    [SEC_NAME_INDEX] = "name index",
    [SEC_NAMES] = "names",
    [SEC_INFO] = "import summary",
    [SEC_LABELS] = "handles",
};

typedef struct {
    guint32 kind;
    guint64 offset, size, checksum;
    const void *data; /* writing */
} Section;

/* ------------------------------------------------------------ the summary */

void smm_import_summary_from_csv(SmmImportSummary *s, const char *path,
                                 const SmmFollowerImportOptions *o, const SmmEdgeList *edges,
                                 const SmmGraphStats *gs)
{
    memset(s, 0, sizeof *s);
    s->source = g_strdup(smm_display_name(path));
    s->rows_read = edges->csv.data_rows;
    s->edges = gs->edges;
    s->self_loops = edges->self_loops;
    s->deleted = edges->deleted;
    s->duplicates = gs->duplicates;
    s->duplicates_p_differ = gs->duplicates_p_differ;
    s->blank_lines = edges->csv.blank_lines;
    s->delimiter = edges->csv.delimiter;
    s->delimiter_detected = edges->csv.delimiter_detected;
    s->header = edges->csv.header;
    s->header_detected = edges->csv.header_detected;
    s->encoding = g_strdup(edges->csv.encoding);
    s->reverse = o->reverse;
    s->undirected = o->undirected;
    s->source_column = g_strdup(o->source_column);
    s->target_column = g_strdup(o->target_column);
    s->p_column = g_strdup(o->p_column);
    s->p_column_index = o->p_column != NULL ? edges->csv.column_index[2] : 0;
    s->format = g_strdup(edges->csv.format);
    s->records = edges->csv.records;
    s->left_out = smm_csv_stats_left_out_text(&edges->csv);
}

gchar *smm_csv_stats_left_out_text(const SmmCsvStats *stats)
{
    if (stats->n_left_out == 0)
        return NULL;
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < stats->n_left_out; i++)
        g_string_append_printf(s, "%s%" G_GUINT64_FORMAT " %s", i > 0 ? ", " : "",
                               stats->left_out[i].n, stats->left_out[i].why);
    return g_string_free(s, FALSE);
}

void smm_import_summary_clear(SmmImportSummary *s)
{
    g_free(s->source);
    g_free(s->encoding);
    g_free(s->source_column);
    g_free(s->target_column);
    g_free(s->p_column);
    g_free(s->created);
    g_free(s->format);
    g_free(s->left_out);
    memset(s, 0, sizeof *s);
}

#define GROUP "import"

static gchar *summary_text(const SmmImportSummary *s, gsize *len)
{
    g_autoptr(GKeyFile) kf = g_key_file_new();
    g_key_file_set_string(kf, GROUP, "writer", PACKAGE_STRING);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc();
    g_autofree gchar *created = g_date_time_format(now, "%Y-%m-%dT%H:%M:%SZ");
    g_key_file_set_string(kf, GROUP, "created", created);
    g_key_file_set_string(kf, GROUP, "source", s->source);
    g_key_file_set_uint64(kf, GROUP, "rows_read", s->rows_read);
    g_key_file_set_uint64(kf, GROUP, "edges", s->edges);
    g_key_file_set_uint64(kf, GROUP, "self_loops", s->self_loops);
    g_key_file_set_uint64(kf, GROUP, "duplicates", s->duplicates);
    g_key_file_set_uint64(kf, GROUP, "duplicates_p_differ", s->duplicates_p_differ);
    g_key_file_set_uint64(kf, GROUP, "blank_lines", s->blank_lines);
    g_key_file_set_integer(kf, GROUP, "delimiter", (guchar)s->delimiter);
    g_key_file_set_boolean(kf, GROUP, "delimiter_detected", s->delimiter_detected);
    g_key_file_set_boolean(kf, GROUP, "header", s->header);
    g_key_file_set_boolean(kf, GROUP, "header_detected", s->header_detected);
    if (s->encoding != NULL)
        g_key_file_set_string(kf, GROUP, "encoding", s->encoding);
    if (s->format != NULL) {
        g_key_file_set_string(kf, GROUP, "format", s->format);
        g_key_file_set_uint64(kf, GROUP, "records", s->records);
    }
    if (s->format != NULL)
        g_key_file_set_uint64(kf, GROUP, "deleted", s->deleted);
    if (s->left_out != NULL)
        g_key_file_set_string(kf, GROUP, "left_out", s->left_out);
    g_key_file_set_boolean(kf, GROUP, "reverse", s->reverse);
    g_key_file_set_boolean(kf, GROUP, "undirected", s->undirected);
    if (s->source_column != NULL)
        g_key_file_set_string(kf, GROUP, "source_column", s->source_column);
    if (s->target_column != NULL)
        g_key_file_set_string(kf, GROUP, "target_column", s->target_column);
    if (s->p_column != NULL) {
        g_key_file_set_string(kf, GROUP, "p_column", s->p_column);
        g_key_file_set_integer(kf, GROUP, "p_column_index", (gint)s->p_column_index);
    }
    return g_key_file_to_data(kf, len, NULL);
}

static gboolean summary_parse(const char *text, gsize len, SmmImportSummary *s)
{
    memset(s, 0, sizeof *s);
    g_autoptr(GKeyFile) kf = g_key_file_new();
    if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, NULL) ||
        !g_key_file_has_group(kf, GROUP))
        return FALSE;
    s->source = g_key_file_get_string(kf, GROUP, "source", NULL);
    s->created = g_key_file_get_string(kf, GROUP, "created", NULL);
    if (s->source == NULL || s->created == NULL) {
        smm_import_summary_clear(s);
        return FALSE;
    }
    s->rows_read = g_key_file_get_uint64(kf, GROUP, "rows_read", NULL);
    s->edges = g_key_file_get_uint64(kf, GROUP, "edges", NULL);
    s->self_loops = g_key_file_get_uint64(kf, GROUP, "self_loops", NULL);
    s->duplicates = g_key_file_get_uint64(kf, GROUP, "duplicates", NULL);
    s->duplicates_p_differ = g_key_file_get_uint64(kf, GROUP, "duplicates_p_differ", NULL);
    s->blank_lines = g_key_file_get_uint64(kf, GROUP, "blank_lines", NULL);
    s->delimiter = (char)g_key_file_get_integer(kf, GROUP, "delimiter", NULL);
    s->delimiter_detected = g_key_file_get_boolean(kf, GROUP, "delimiter_detected", NULL);
    s->header = g_key_file_get_boolean(kf, GROUP, "header", NULL);
    s->header_detected = g_key_file_get_boolean(kf, GROUP, "header_detected", NULL);
    s->encoding = g_key_file_get_string(kf, GROUP, "encoding", NULL);
    s->format = g_key_file_get_string(kf, GROUP, "format", NULL);
    s->records = g_key_file_get_uint64(kf, GROUP, "records", NULL);
    s->deleted = g_key_file_get_uint64(kf, GROUP, "deleted", NULL);
    s->left_out = g_key_file_get_string(kf, GROUP, "left_out", NULL);
    s->reverse = g_key_file_get_boolean(kf, GROUP, "reverse", NULL);
    s->undirected = g_key_file_get_boolean(kf, GROUP, "undirected", NULL);
    s->source_column = g_key_file_get_string(kf, GROUP, "source_column", NULL);
    s->target_column = g_key_file_get_string(kf, GROUP, "target_column", NULL);
    s->p_column = g_key_file_get_string(kf, GROUP, "p_column", NULL);
    gint index = g_key_file_get_integer(kf, GROUP, "p_column_index", NULL);
    s->p_column_index = index > 0 ? (guint)index : 0;
    return TRUE;
}

/* ---------------------------------------------------------------- writing */

static gboolean write_all(FILE *fp, const void *data, guint64 size, const char *display,
                          GError **error)
{
    if (size == 0 || fwrite(data, 1, size, fp) == size)
        return TRUE;
    g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: write error: %s", display, g_strerror(errno));
    return FALSE;
}

/* The arrays go to the file as they are in memory. */
static gboolean little_endian(const char *display, GError **error)
{
    if (G_BYTE_ORDER == G_LITTLE_ENDIAN)
        return TRUE;
    g_set_error(error, SMM_ERROR, SMM_ERROR_LIMIT,
                "%s: graph files are little-endian, and this machine is not", display);
    return FALSE;
}

/* The labels section's bytes, or NULL when no account has a label. */
static GByteArray *labels_section(const SmmNames *names)
{
    g_autoptr(GArray) ids = smm_names_labelled(names);
    if (ids == NULL)
        return NULL;
    GByteArray *out = g_byte_array_new();
    for (guint i = 0; i < ids->len; i++) {
        guint32 id = g_array_index(ids, guint32, i);
        const char *label = smm_names_label(names, id);
        guint32 len = (guint32)strlen(label);
        guint8 head[8];
        smm_store_le32(head, id);
        smm_store_le32(head + 4, len);
        g_byte_array_append(out, head, sizeof head);
        g_byte_array_append(out, (const guint8 *)label, len);
        static const guint8 pad[4];
        g_byte_array_append(out, pad, (4 - len % 4) % 4);
    }
    return out;
}

gboolean smm_graph_file_write(const SmmGraph *g, const SmmImportSummary *summary, FILE *fp,
                              const char *display, guint n_threads, GError **error)
{
    if (!little_endian(display, error))
        return FALSE;
    gsize info_len;
    g_autofree gchar *info = summary_text(summary, &info_len);
    guint64 arena_bytes;
    const guint8 *arena = smm_names_arena(g->names, &arena_bytes);
    guint64 off_bytes = sizeof(guint64) * ((guint64)g->n + 1);
    Section sec[N_KINDS];
    guint n_sec = 0;
    sec[n_sec++] = (Section){SEC_OUT_OFF, 0, off_bytes, 0, g->out_off};
    sec[n_sec++] = (Section){SEC_OUT_ADJ, 0, sizeof(guint32) * g->m, 0, g->out_adj};
    if (!g->undirected) {
        sec[n_sec++] = (Section){SEC_IN_OFF, 0, off_bytes, 0, g->in_off};
        sec[n_sec++] = (Section){SEC_IN_ADJ, 0, sizeof(guint32) * g->m, 0, g->in_adj};
    }
    if (g->out_p != NULL)
        sec[n_sec++] = (Section){SEC_OUT_P, 0, sizeof(float) * g->m, 0, g->out_p};
    sec[n_sec++] =
        (Section){SEC_NAME_INDEX, 0, sizeof(guint32) * g->n, 0, smm_names_entries(g->names)};
    sec[n_sec++] = (Section){SEC_NAMES, 0, arena_bytes, 0, arena};
    sec[n_sec++] = (Section){SEC_INFO, 0, info_len, 0, info};
    g_autoptr(GByteArray) labels = labels_section(g->names);
    if (labels != NULL)
        sec[n_sec++] = (Section){SEC_LABELS, 0, labels->len, 0, labels->data};

    guint64 at = HEADER_SIZE;
    for (guint i = 0; i < n_sec; i++) {
        sec[i].offset = at;
        sec[i].checksum = smm_checksum_blocks(sec[i].data, sec[i].size, n_threads);
        at = (at + sec[i].size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
    guint64 file_size = sec[n_sec - 1].offset + sec[n_sec - 1].size;

    guint8 header[HEADER_SIZE] = {0};
    memcpy(header, MAGIC, 8);
    smm_store_le32(header + 8, FORMAT_VERSION);
    smm_store_le32(header + 12, BYTE_ORDER_MARK);
    smm_store_le32(header + 16, HEADER_SIZE);
    smm_store_le32(header + 20, (g->undirected ? FLAG_UNDIRECTED : 0) |
                                    (g->out_p != NULL ? FLAG_PROBABILITIES : 0));
    smm_store_le64(header + 24, g->n);
    smm_store_le64(header + 32, g->m);
    smm_store_le64(header + 40, file_size);
    smm_store_le32(header + 48, n_sec);
    for (guint i = 0; i < n_sec; i++) {
        guint8 *e = header + SECTION_TABLE + SECTION_ENTRY * i;
        smm_store_le32(e, sec[i].kind);
        smm_store_le64(e + 8, sec[i].offset);
        smm_store_le64(e + 16, sec[i].size);
        smm_store_le64(e + 24, sec[i].checksum);
    }
    smm_store_le64(header + HEADER_SIZE - 8, smm_checksum(header, HEADER_SIZE - 8));

    if (!write_all(fp, header, HEADER_SIZE, display, error))
        return FALSE;
    static const guint8 zeros[ALIGNMENT];
    guint64 written = HEADER_SIZE;
    for (guint i = 0; i < n_sec; i++) {
        if (!write_all(fp, zeros, sec[i].offset - written, display, error) ||
            !write_all(fp, sec[i].data, sec[i].size, display, error))
            return FALSE;
        written = sec[i].offset + sec[i].size;
    }
    return TRUE;
}

/* ---------------------------------------------------------------- reading */

gboolean smm_graph_file_sniff(const char *path)
{
    if (path == NULL || strcmp(path, "-") == 0)
        return FALSE;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return FALSE;
    struct stat st;
    char magic[8];
    gboolean is = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
                  pread(fd, magic, sizeof magic, 0) == (ssize_t)sizeof magic &&
                  memcmp(magic, MAGIC, sizeof magic) == 0;
    close(fd);
    return is;
}

typedef struct {
    const char *display;
    const guint8 *base;
    guint64 size;
    Section sec[N_KINDS]; /* by kind; size 0 and offset 0 when absent */
    gboolean present[N_KINDS];
} File;

G_GNUC_PRINTF(3, 4)
static gboolean damaged(const File *f, GError **error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *what = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                "%s: damaged graph file: %s; import the follower file again (smmgraph import)",
                f->display, what);
    return FALSE;
}

static gboolean read_header(File *f, guint64 *n, guint64 *m, guint32 *flags, GError **error)
{
    const guint8 *h = f->base;
    if (f->size < HEADER_SIZE || memcmp(h, MAGIC, 8) != 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE, "%s: not a smmgraph graph file%s",
                    f->display, f->size < HEADER_SIZE ? " (shorter than its header)" : "");
        return FALSE;
    }
    if (smm_load_le32(h + 12) != BYTE_ORDER_MARK) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                    "%s: the graph file is in another byte order than this machine's; import "
                    "the follower file here",
                    f->display);
        return FALSE;
    }
    if (smm_load_le32(h + 8) != FORMAT_VERSION) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                    "%s: graph file format version %u; this smmgraph reads version %u (import "
                    "the follower file again with this version)",
                    f->display, smm_load_le32(h + 8), FORMAT_VERSION);
        return FALSE;
    }
    if (smm_load_le64(h + HEADER_SIZE - 8) != smm_checksum(h, HEADER_SIZE - 8))
        return damaged(f, error, "the header's checksum does not match");
    if (smm_load_le32(h + 16) != HEADER_SIZE)
        return damaged(f, error, "header size %u", smm_load_le32(h + 16));
    if (smm_load_le64(h + 40) != f->size)
        return damaged(f, error,
                       "%" G_GUINT64_FORMAT " bytes, but the header says %" G_GUINT64_FORMAT
                       " (cut short?)",
                       f->size, smm_load_le64(h + 40));
    *flags = smm_load_le32(h + 20);
    *n = smm_load_le64(h + 24);
    *m = smm_load_le64(h + 32);
    if (*n > SMM_NAMES_MAX || *m > G_MAXUINT32 ||
        (*flags & ~(FLAG_UNDIRECTED | FLAG_PROBABILITIES)))
        return damaged(f, error, "impossible counts or flags");
    guint32 n_sec = smm_load_le32(h + 48);
    if (n_sec > MAX_SECTIONS)
        return damaged(f, error, "%u sections", n_sec);
    guint64 end = HEADER_SIZE;
    for (guint32 i = 0; i < n_sec; i++) {
        const guint8 *e = h + SECTION_TABLE + SECTION_ENTRY * i;
        guint32 kind = smm_load_le32(e);
        Section s = {kind, smm_load_le64(e + 8), smm_load_le64(e + 16), smm_load_le64(e + 24),
                     NULL};
        if (kind == 0 || kind >= N_KINDS || f->present[kind])
            return damaged(f, error, "unknown or repeated section %u", kind);
        if (s.offset < end || s.offset % ALIGNMENT != 0 || s.size > f->size ||
            s.offset > f->size - s.size)
            return damaged(f, error, "the %s section lies outside the file", section_name[kind]);
        end = s.offset + s.size;
        f->sec[kind] = s;
        f->present[kind] = TRUE;
    }
    gboolean undirected = (*flags & FLAG_UNDIRECTED) != 0;
    struct {
        SectionKind kind;
        gboolean wanted;
        guint64 size;
    } expect[] = {
        {SEC_OUT_OFF, TRUE, 8 * (*n + 1)},
        {SEC_OUT_ADJ, TRUE, 4 * *m},
        {SEC_IN_OFF, !undirected, 8 * (*n + 1)},
        {SEC_IN_ADJ, !undirected, 4 * *m},
        {SEC_OUT_P, (*flags & FLAG_PROBABILITIES) != 0, 4 * *m},
        {SEC_NAME_INDEX, TRUE, 4 * *n},
    };
    for (guint i = 0; i < G_N_ELEMENTS(expect); i++) {
        SectionKind k = expect[i].kind;
        if (expect[i].wanted != f->present[k] ||
            (f->present[k] && f->sec[k].size != expect[i].size))
            return damaged(f, error, "the %s section is %s", section_name[k],
                           f->present[k] ? "the wrong size" : "missing");
    }
    if (!f->present[SEC_NAMES] || !f->present[SEC_INFO])
        return damaged(f, error, "the %s section is missing",
                       section_name[f->present[SEC_NAMES] ? SEC_INFO : SEC_NAMES]);
    return TRUE;
}

static inline const void *section_data(const File *f, SectionKind k)
{
    return f->base + f->sec[k].offset;
}

/* Rows ascending with ids below n, per block of accounts. */
typedef struct {
    guint32 n;
    const guint64 *off;
    const guint32 *adj;
    gboolean *block_bad;
} Rows;

static void check_rows(guint64 block, guint thread, gpointer ctx)
{
    Rows *r = ctx;
    guint32 lo = (guint32)(block * ROW_BLOCK);
    guint32 hi = (guint32)MIN((guint64)r->n, (block + 1) * ROW_BLOCK);
    gboolean bad = FALSE;
    for (guint32 v = lo; v < hi && !bad; v++) {
        guint64 b = r->off[v], e = r->off[v + 1];
        if (b == e)
            continue;
        /* strictly ascending, so the last id is the largest */
        guint32 descents = 0;
        for (guint64 k = b + 1; k < e; k++)
            descents |= r->adj[k] <= r->adj[k - 1];
        bad = descents != 0 || r->adj[e - 1] >= r->n;
    }
    r->block_bad[block] = bad;
}

static gboolean check_csr(const File *f, SectionKind off_kind, SectionKind adj_kind, guint32 n,
                          guint64 m, guint n_threads, GError **error)
{
    const guint64 *off = section_data(f, off_kind);
    if (GUINT64_FROM_LE(off[0]) != 0 || GUINT64_FROM_LE(off[n]) != m)
        return damaged(f, error, "the %s do not run from 0 to the edge count",
                       section_name[off_kind]);
    for (guint32 v = 0; v < n; v++)
        if (off[v] > off[v + 1])
            return damaged(f, error, "the %s decrease at account %u", section_name[off_kind], v);
    guint64 n_blocks = ((guint64)n + ROW_BLOCK - 1) / ROW_BLOCK;
    g_autofree gboolean *bad = g_new0(gboolean, MAX(n_blocks, 1));
    Rows rows = {n, off, section_data(f, adj_kind), bad};
    smm_parallel_blocks(n_blocks, n_threads, check_rows, &rows);
    for (guint64 b = 0; b < n_blocks; b++)
        if (bad[b])
            return damaged(f, error, "the %s hold an account id out of range or out of order",
                           section_name[adj_kind]);
    return TRUE;
}

/* The handles section, checked as it is read into the names' labels. */
static gboolean read_labels(const File *f, guint32 n, SmmNames *names, GError **error)
{
    if (!f->present[SEC_LABELS])
        return TRUE;
    const guint8 *p = section_data(f, SEC_LABELS);
    guint64 size = f->sec[SEC_LABELS].size, at = 0;
    gint64 last = -1;
    while (at < size) {
        if (size - at < 8)
            return damaged(f, error, "the handles section ends inside an entry");
        guint32 id = smm_load_le32(p + at), len = smm_load_le32(p + at + 4);
        at += 8;
        if (id >= n || (gint64)id <= last || len == 0 || len > size - at ||
            !g_utf8_validate_len((const char *)p + at, len, NULL) ||
            memchr(p + at, '\0', len) != NULL)
            return damaged(f, error, "the handles section has a bad entry for account %u", id);
        smm_names_set_label(names, id, (const char *)p + at, len);
        last = id;
        at += len + (4 - len % 4) % 4;
    }
    return TRUE;
}

static gboolean check_names(const File *f, guint32 n, GError **error)
{
    const guint32 *index = section_data(f, SEC_NAME_INDEX);
    const guint8 *arena = section_data(f, SEC_NAMES);
    guint64 bytes = f->sec[SEC_NAMES].size;
    for (guint32 id = 0; id < n; id++) {
        guint64 at = (guint64)GUINT32_FROM_LE(index[id]) * 8;
        if (at > bytes || bytes - at < 5 || smm_load_le32(arena + at) > bytes - at - 5 ||
            arena[at + 4 + smm_load_le32(arena + at)] != 0)
            return damaged(f, error, "the entry of account %u in the names is broken", id);
    }
    return TRUE;
}

static gboolean check_probabilities(const File *f, guint64 m, GError **error)
{
    const float *p = section_data(f, SEC_OUT_P);
    for (guint64 e = 0; e < m; e++)
        if (!(p[e] >= 0.0f && p[e] <= 1.0f))
            return damaged(f, error, "a probability outside [0, 1]");
    return TRUE;
}

SmmGraph *smm_graph_file_open(const char *path, guint n_threads, SmmImportSummary *summary,
                              GError **error)
{
    const char *display = smm_display_name(path);
    if (!little_endian(display, error))
        return NULL;
    GError *local = NULL;
    GMappedFile *map = g_mapped_file_new(path, FALSE, &local);
    if (map == NULL) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: cannot open: %s", display, local->message);
        g_error_free(local);
        return NULL;
    }
    File f = {.display = display,
              .base = (const guint8 *)g_mapped_file_get_contents(map),
              .size = g_mapped_file_get_length(map)};
    guint64 n64 = 0, m = 0;
    guint32 flags = 0;
    if (f.base == NULL) /* GLib maps an empty file as NULL */
        f.size = 0;
    if (!read_header(&f, &n64, &m, &flags, error)) {
        g_mapped_file_unref(map);
        return NULL;
    }
    guint32 n = (guint32)n64;
    for (SectionKind k = 1; k < N_KINDS; k++)
        if (f.present[k] && smm_checksum_blocks(section_data(&f, k), f.sec[k].size, n_threads) !=
                                f.sec[k].checksum) {
            damaged(&f, error, "the %s section's checksum does not match", section_name[k]);
            g_mapped_file_unref(map);
            return NULL;
        }
    gboolean undirected = (flags & FLAG_UNDIRECTED) != 0;
    if (!check_csr(&f, SEC_OUT_OFF, SEC_OUT_ADJ, n, m, n_threads, error) ||
        (!undirected && !check_csr(&f, SEC_IN_OFF, SEC_IN_ADJ, n, m, n_threads, error)) ||
        !check_names(&f, n, error) ||
        ((flags & FLAG_PROBABILITIES) && !check_probabilities(&f, m, error))) {
        g_mapped_file_unref(map);
        return NULL;
    }
    if (!summary_parse(section_data(&f, SEC_INFO), f.sec[SEC_INFO].size, summary)) {
        damaged(&f, error, "the import summary cannot be read");
        g_mapped_file_unref(map);
        return NULL;
    }

    /* The checks touched every page; let the run bring back only the pages
     * it reads (they stay in the page cache, so this costs a minor fault a
     * page), so that memory says what the run uses: `seeds` never reads the
     * follower lists. */
    madvise((void *)f.base, f.size, MADV_DONTNEED);

    SmmGraph *g = g_new0(SmmGraph, 1);
    g->n = n;
    g->m = m;
    g->undirected = undirected;
    g->mapping = map;
    g->out_off = (guint64 *)section_data(&f, SEC_OUT_OFF);
    g->out_adj = (guint32 *)section_data(&f, SEC_OUT_ADJ);
    g->in_off = undirected ? g->out_off : (guint64 *)section_data(&f, SEC_IN_OFF);
    g->in_adj = undirected ? g->out_adj : (guint32 *)section_data(&f, SEC_IN_ADJ);
    g->out_p = (flags & FLAG_PROBABILITIES) ? (float *)section_data(&f, SEC_OUT_P) : NULL;
    g->names = smm_names_new_borrowed(section_data(&f, SEC_NAMES), f.sec[SEC_NAMES].size,
                                      section_data(&f, SEC_NAME_INDEX), n);
    if (!read_labels(&f, n, g->names, error)) {
        smm_graph_free(g);
        smm_import_summary_clear(summary);
        return NULL;
    }
    return g;
}
