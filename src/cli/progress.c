/* progress.c - --progress auto|always|never: one line on stderr for work
 * that takes more than a second (auto: only when stderr is a terminal,
 * redrawn in place at most four times a second; always: a plain line at
 * most once a second, for logs; --quiet: never). Stages report through the
 * SmmProgress the CLI hands them (smm/progress.h), on the main thread. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "smm/core.h"

typedef enum { PROGRESS_NEVER, PROGRESS_TERMINAL, PROGRESS_LINES } Mode;

static struct {
    Mode mode;
    double delay; /* seconds of work before the first line */
    gchar *what;  /* the work being shown, owned */
    double started, drawn;
    gboolean visible; /* a terminal line is on screen */
} state;

static SmmProgress progress;

static void clear_line(void)
{
    if (state.visible) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        state.visible = FALSE;
    }
}

static void human(GString *s, double v, const char *unit)
{
    if (strcmp(unit, "bytes") == 0) {
        static const char *const units[] = {"B", "kB", "MB", "GB", "TB"};
        guint u = 0;
        while (v >= 1000 && u + 1 < G_N_ELEMENTS(units)) {
            v /= 1000;
            u++;
        }
        g_string_append_printf(s, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    } else {
        g_string_append_printf(s, "%.0f %s", v, unit);
    }
}

static void draw(gpointer data, const char *what, double done, double total, const char *unit)
{
    (void)data;
    double now = smm_now();
    if (state.what == NULL || strcmp(state.what, what) != 0) {
        clear_line();
        g_free(state.what);
        state.what = g_strdup(what);
        state.started = now;
        state.drawn = 0;
    }
    double elapsed = now - state.started;
    double every = state.mode == PROGRESS_TERMINAL ? 0.25 : 1.0;
    if (elapsed < state.delay || now - state.drawn < every)
        return;
    state.drawn = now;
    g_autoptr(GString) line = g_string_new(SMM_NOTE_PREFIX);
    g_string_append_printf(line, "%s: ", what);
    if (total > 0) { /* "1.2 MB of 3.4 MB", "2 of 3 steps" */
        if (strcmp(unit, "bytes") == 0)
            human(line, done, unit);
        else
            g_string_append_printf(line, "%.0f", done);
        g_string_append(line, " of ");
        human(line, total, unit);
        g_string_append_printf(line, " (%.0f%%)", 100.0 * done / total);
    } else {
        human(line, done, unit);
    }
    if (elapsed > 0 && done > 0) {
        g_string_append(line, ", ");
        human(line, done / elapsed, unit);
        g_string_append(line, "/s");
        if (total > done)
            g_string_append_printf(line, ", %.0f s left", ceil((total - done) * elapsed / done));
    }
    if (state.mode == PROGRESS_TERMINAL) {
        fprintf(stderr, "\r\033[K%s", line->str);
        state.visible = TRUE;
    } else {
        fprintf(stderr, "%s\n", line->str);
    }
    fflush(stderr);
}

gboolean smm_cli_progress_start(const char *mode, gboolean quiet, GError **error)
{
    if (mode == NULL || strcmp(mode, "auto") == 0)
        state.mode = isatty(STDERR_FILENO) ? PROGRESS_TERMINAL : PROGRESS_NEVER;
    else if (strcmp(mode, "always") == 0)
        state.mode = PROGRESS_LINES;
    else if (strcmp(mode, "never") == 0)
        state.mode = PROGRESS_NEVER;
    else {
        g_autofree gchar *q = smm_quote_value(mode, -1);
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "--progress must be auto, always or never, not %s", q);
        return FALSE;
    }
    if (quiet)
        state.mode = PROGRESS_NEVER;
    /* a test switch, not an option: draw from the start */
    const char *delay = g_getenv("SMM_PROGRESS_DELAY");
    state.delay = delay != NULL ? g_ascii_strtod(delay, NULL) : 1.0;
    progress = (SmmProgress){.fn = state.mode == PROGRESS_NEVER ? NULL : draw};
    return TRUE;
}

const SmmProgress *smm_cli_progress(void)
{
    return progress.fn != NULL ? &progress : NULL;
}

void smm_cli_progress_end(void)
{
    clear_line();
    g_clear_pointer(&state.what, g_free);
}
