/* summary.c - --summary FILE: the facts of the run (what the summary lines
 * on stderr say, with every stage's time and peak memory) as one JSON
 * object, for scripts. Stages report facts; the commands note them here
 * whether or not stderr is quiet, and main() writes the file once the
 * command has succeeded. */
#include "cli.h"
#include "smm/core.h"
#include "smm/report.h"

static SmmResult notes;
static gchar *summary_path;

SmmResult *smm_cli_notes(void)
{
    if (notes.notes == NULL)
        smm_result_init(&notes, "summary", 0, NULL);
    return &notes;
}

void smm_cli_summary_to(const char *path)
{
    g_free(summary_path);
    summary_path = g_strdup(path);
}

gboolean smm_cli_summary_write(const char *command, GError **error)
{
    if (summary_path == NULL)
        return TRUE;
    SmmOutput *out = smm_output_open(summary_path, error);
    if (out == NULL)
        return FALSE;
    if (!smm_report_notes(smm_cli_notes(), command, smm_output_file(out), error)) {
        smm_output_abort(out);
        return FALSE;
    }
    return smm_output_commit(out, error);
}

void smm_cli_summary_clear(void)
{
    if (notes.notes != NULL)
        smm_result_clear(&notes);
    g_clear_pointer(&summary_path, g_free);
}

void smm_cli_note_import(const char *path, const SmmImportSummary *s, const SmmGraph *g)
{
    SmmResult *r = smm_cli_notes();
    smm_result_note_text(r, "input", smm_display_name(path));
    if (s->created != NULL) {
        smm_result_note_text(r, "imported_from", s->source);
        smm_result_note_text(r, "graph_file_created", s->created);
    }
    smm_result_note_count(r, "rows_read", s->rows_read);
    smm_result_note_count(r, g->undirected ? "ties" : "follows", s->edges);
    smm_result_note_count(r, "accounts", g->n);
    smm_result_note_count(r, "dropped_self_loops", s->self_loops);
    smm_result_note_count(r, "dropped_duplicates", s->duplicates);
    smm_result_note_count(r, "blank_lines", s->blank_lines);
    if (s->format != NULL)
        smm_result_note_count(r, "dropped_deleted_follows", s->deleted);
}
