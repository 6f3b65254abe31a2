/* paths.c - the files of a run: no output may be one of the inputs or
 * another output, and every output is opened before the work starts.
 *
 * Files are compared by what they are, not by how they are spelt: two names
 * of one regular file (a symbolic or hard link, "./x" and "x", stdin or
 * stdout redirected from or to it) have the same device and inode. An
 * output that does not exist yet cannot be an input, but two of them can
 * be one file: they are compared by absolute name, links followed. Devices
 * and FIFOs are written directly, never replaced, so -o /dev/null twice is
 * fine.
 *
 * Opening early fails fast (an output that cannot be created is an error
 * before hours of work, not after) and puts each temporary file where the
 * signal handler removes it (signals.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "smm/core.h"

typedef struct {
    gboolean regular; /* exists and is a regular file: dev, ino */
    dev_t dev;
    ino_t ino;
    char *absent; /* does not exist yet: its absolute name, links followed */
} Identity;

/* The absolute name of `path`, whose directory may exist: that part with
 * its links resolved. */
static char *absolute_name(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    char *real = realpath(dir, NULL);
    if (real == NULL)
        return g_canonicalize_filename(path, NULL);
    char *joined = g_build_filename(real, base, NULL);
    free(real);
    return joined;
}

/* "-" is stdin for an input, stdout for an output. */
static void identify(const char *path, gboolean output, Identity *id)
{
    memset(id, 0, sizeof *id);
    struct stat st;
    int rc;
    g_autofree char *target = NULL;
    if (strcmp(path, "-") == 0) {
        rc = fstat(output ? STDOUT_FILENO : STDIN_FILENO, &st);
    } else {
        target = smm_output_resolve(path);
        if (target == NULL)
            return; /* a cycle of links: opening it says so */
        rc = stat(target, &st);
    }
    if (rc == 0 && S_ISREG(st.st_mode)) {
        id->regular = TRUE;
        id->dev = st.st_dev;
        id->ino = st.st_ino;
    } else if (rc != 0 && errno == ENOENT && output && target != NULL) {
        id->absent = absolute_name(target);
    }
}

static gboolean same_file(const Identity *a, const Identity *b)
{
    if (a->regular && b->regular)
        return a->dev == b->dev && a->ino == b->ino;
    return a->absent != NULL && b->absent != NULL && strcmp(a->absent, b->absent) == 0;
}

static const char *shown(const char *path, gboolean output)
{
    return strcmp(path, "-") != 0 ? path : output ? "stdout" : "stdin";
}

static guint count(const SmmCliFile *files)
{
    guint n = 0;
    while (files != NULL && files[n].name != NULL)
        n++;
    return n;
}

/* -o (stdout when not given), the command's outputs, --summary. */
static GArray *all_outputs(const SmmCliCommon *common, const SmmCliFile *outputs)
{
    GArray *all = g_array_new(FALSE, FALSE, sizeof(SmmCliFile));
    SmmCliFile o = {"-o", common->output != NULL ? common->output : "-"};
    g_array_append_val(all, o);
    g_array_append_vals(all, outputs, count(outputs));
    SmmCliFile s = {"--summary", common->summary};
    g_array_append_val(all, s);
    return all;
}

gboolean smm_cli_check_paths(const SmmCliCommon *common, const SmmCliFile *inputs,
                             const SmmCliFile *outputs, GError **error)
{
    g_autoptr(GArray) out = all_outputs(common, outputs);
    guint n_in = count(inputs), n_out = out->len;
    Identity *in_id = g_new0(Identity, MAX(n_in, 1)), *out_id = g_new0(Identity, n_out);
    for (guint i = 0; i < n_in; i++)
        if (inputs[i].path != NULL)
            identify(inputs[i].path, FALSE, &in_id[i]);
    gboolean ok = TRUE;
    for (guint j = 0; j < n_out && ok; j++) {
        const SmmCliFile *o = &g_array_index(out, SmmCliFile, j);
        if (o->path == NULL)
            continue;
        identify(o->path, TRUE, &out_id[j]);
        for (guint i = 0; i < n_in && ok; i++)
            if (inputs[i].path != NULL && same_file(&out_id[j], &in_id[i])) {
                g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                            "%s %s is the same file as %s %s; an output may not replace an "
                            "input",
                            o->name, shown(o->path, TRUE), inputs[i].name,
                            shown(inputs[i].path, FALSE));
                ok = FALSE;
            }
        for (guint i = 0; i < j && ok; i++) {
            const SmmCliFile *p = &g_array_index(out, SmmCliFile, i);
            /* two outputs on stdout follow each other there: nothing lost */
            gboolean both_stdout =
                p->path != NULL && strcmp(p->path, "-") == 0 && strcmp(o->path, "-") == 0;
            if (p->path != NULL && !both_stdout && same_file(&out_id[j], &out_id[i])) {
                g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                            "%s %s and %s %s are the same file; each output needs its own", p->name,
                            shown(p->path, TRUE), o->name, shown(o->path, TRUE));
                ok = FALSE;
            }
        }
    }
    for (guint i = 0; i < n_in; i++)
        g_free(in_id[i].absent);
    for (guint j = 0; j < n_out; j++)
        g_free(out_id[j].absent);
    g_free(in_id);
    g_free(out_id);
    return ok;
}

/* The outputs opened by smm_cli_open_outputs() and not yet handed over. */
typedef struct {
    char *path; /* as given; "-": stdout */
    SmmOutput *out;
} Opened;

static GArray *opened;

static const char *key(const char *path)
{
    return path != NULL ? path : "-";
}

gboolean smm_cli_open_outputs(const SmmCliCommon *common, const SmmCliFile *inputs,
                              const SmmCliFile *outputs, GError **error)
{
    if (!smm_cli_check_paths(common, inputs, outputs, error))
        return FALSE;
    if (opened == NULL)
        opened = g_array_new(FALSE, FALSE, sizeof(Opened));
    guint n = count(outputs);
    for (guint i = 0; i <= n; i++) {
        const char *path = i == 0 ? key(common->output) : outputs[i - 1].path;
        if (path == NULL)
            continue;
        Opened o = {g_strdup(path), smm_output_open(path, error)};
        if (o.out == NULL) {
            g_free(o.path);
            return FALSE;
        }
        g_array_append_val(opened, o);
    }
    return TRUE;
}

SmmOutput *smm_cli_output(const char *path, GError **error)
{
    for (guint i = 0; opened != NULL && i < opened->len; i++) {
        Opened *o = &g_array_index(opened, Opened, i);
        if (strcmp(o->path, key(path)) == 0) {
            SmmOutput *out = o->out;
            g_free(o->path);
            g_array_remove_index(opened, i);
            return out;
        }
    }
    return smm_output_open(path, error);
}

void smm_cli_outputs_discard(void)
{
    for (guint i = 0; opened != NULL && i < opened->len; i++) {
        Opened *o = &g_array_index(opened, Opened, i);
        smm_output_abort(o->out);
        g_free(o->path);
    }
    g_clear_pointer(&opened, g_array_unref);
}
