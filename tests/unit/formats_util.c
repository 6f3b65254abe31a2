/* formats_util.c - fixtures and checks shared by the formats' tests. */
#include "formats_util.h"

#include <math.h>
#include <string.h>

gchar *formats_fixture(const char *name)
{
    if (g_path_is_absolute(name))
        return g_strdup(name);
    return g_test_build_filename(G_TEST_DIST, "tests", "data", "formats", name, NULL);
}

static gchar **split_csv(const char *line)
{
    GPtrArray *fields = g_ptr_array_new();
    GString *f = g_string_new(NULL);
    gboolean quoted = FALSE;
    for (const char *p = line;; p++) {
        if (quoted && *p == '"' && p[1] == '"') {
            g_string_append_c(f, '"');
            p++;
        } else if (*p == '"') {
            quoted = !quoted;
        } else if (*p == '\0' || (*p == ',' && !quoted)) {
            g_ptr_array_add(fields, g_strdup(f->str));
            g_string_truncate(f, 0);
            if (*p == '\0')
                break;
        } else {
            g_string_append_c(f, *p);
        }
    }
    g_string_free(f, TRUE);
    g_ptr_array_add(fields, NULL);
    return (gchar **)g_ptr_array_free(fields, FALSE);
}

GPtrArray *formats_expected_rows(const char *name)
{
    g_autofree gchar *path = formats_fixture(name);
    g_autofree gchar *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    for (guint i = 1; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
            g_ptr_array_add(rows, split_csv(lines[i]));
    return rows;
}

void formats_check_handles(const SmmNames *names, GPtrArray *handles)
{
    guint labelled = 0;
    for (guint32 id = 0; id < smm_names_count(names); id++)
        labelled += smm_names_label(names, id) != NULL;
    guint found = 0;
    for (guint r = 0; handles != NULL && r < handles->len; r++) {
        char **want = g_ptr_array_index(handles, r);
        guint32 id;
        if (!smm_names_lookup(names, want[0], (guint32)strlen(want[0]), &id))
            continue;
        g_assert_cmpstr(smm_names_label(names, id), ==, want[1]);
        found++;
    }
    g_assert_cmpuint(found, ==, labelled);
}

void formats_check_follows(const SmmEdgeList *edges, GPtrArray *rows)
{
    guint kept = 0, loops = 0;
    for (guint r = 0; r < rows->len; r++) {
        char **want = g_ptr_array_index(rows, r);
        if (strcmp(want[0], want[1]) == 0) {
            loops++;
            continue;
        }
        g_assert_cmpuint(kept, <, edges->src->len);
        g_assert_cmpstr(smm_names_get(edges->names, g_array_index(edges->src, guint32, kept), NULL),
                        ==, want[0]);
        g_assert_cmpstr(smm_names_get(edges->names, g_array_index(edges->dst, guint32, kept), NULL),
                        ==, want[1]);
        kept++;
    }
    g_assert_cmpuint(kept, ==, edges->src->len);
    g_assert_cmpuint(loops, ==, edges->self_loops);
}

void formats_check_log_rows(const SmmNames *names, const SmmReshareLog *log, GPtrArray *rows)
{
    g_assert_cmpuint(smm_reshare_log_size(log), ==, rows->len);
    for (guint r = 0; r < rows->len; r++) {
        char **want = g_ptr_array_index(rows, r);
        guint32 a = g_array_index(log->account, guint32, r);
        guint32 b = g_array_index(log->author, guint32, r);
        guint32 item = g_array_index(log->item, guint32, r);
        g_assert_cmpstr(smm_names_get(names, a, NULL), ==, want[0]);
        g_assert_cmpstr(smm_names_get(names, b, NULL), ==, want[1]);
        g_assert_cmpstr(smm_names_get(log->items, item, NULL), ==, want[2]);
        double t = g_array_index(log->time, double, r);
        g_assert_cmpfloat(fabs(t - g_ascii_strtod(want[3], NULL)), <, 1e-6);
    }
}

guint64 formats_left_out(const SmmCsvStats *s, const char *why)
{
    for (guint i = 0; i < s->n_left_out; i++)
        if (strcmp(s->left_out[i].why, why) == 0)
            return s->left_out[i].n;
    return 0;
}

void formats_check_message(const GError *error, const char *message)
{
    g_assert_nonnull(error);
    if (strstr(error->message, message) == NULL)
        g_error("expected \"%s\" in \"%s\"", message, error->message);
    g_assert_null(strchr(error->message, '\n'));
}
