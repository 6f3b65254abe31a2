/* output.c - all-or-nothing output files.
 *
 * The report goes to "NAME.XXXXXX" beside NAME and is renamed over NAME only
 * after every byte was written and flushed, so an error or a crash never
 * leaves a truncated report where a good one is expected.
 */
#include "smm/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "smm/core.h"

struct SmmOutput {
    FILE *fp;
    char *path; /* NULL: stdout */
    char *tmp_path;
};

SmmOutput *smm_output_open(const char *path, GError **error)
{
    SmmOutput *out = g_new0(SmmOutput, 1);
    if (path == NULL || strcmp(path, "-") == 0) {
        out->fp = stdout;
        return out;
    }
    out->path = g_strdup(path);
    out->tmp_path = g_strdup_printf("%s.XXXXXX", path);
    int fd = g_mkstemp_full(out->tmp_path, O_WRONLY | O_CLOEXEC, 0666); /* umask applies */
    if (fd < 0 || (out->fp = fdopen(fd, "w")) == NULL) {
        int errnum = errno;
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: cannot create the output file: %s", path,
                    g_strerror(errnum));
        if (fd >= 0) {
            close(fd);
            unlink(out->tmp_path);
        }
        g_free(out->path);
        g_free(out->tmp_path);
        g_free(out);
        return NULL;
    }
    return out;
}

FILE *smm_output_file(SmmOutput *out)
{
    return out->fp;
}

gboolean smm_output_commit(SmmOutput *out, GError **error)
{
    gboolean ok = TRUE;
    const char *name = out->path != NULL ? out->path : "stdout";
    if (fflush(out->fp) != 0 || ferror(out->fp)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: write error: %s", name, g_strerror(errno));
        ok = FALSE;
    }
    if (out->path != NULL) {
        if (fclose(out->fp) != 0 && ok) {
            g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: write error: %s", name,
                        g_strerror(errno));
            ok = FALSE;
        }
        if (ok && rename(out->tmp_path, out->path) != 0) {
            g_set_error(error, SMM_ERROR, SMM_ERROR_IO,
                        "%s: cannot rename the finished report "
                        "into place: %s",
                        name, g_strerror(errno));
            ok = FALSE;
        }
        if (!ok)
            unlink(out->tmp_path);
    }
    g_free(out->path);
    g_free(out->tmp_path);
    g_free(out);
    return ok;
}

void smm_output_abort(SmmOutput *out)
{
    if (out == NULL)
        return;
    if (out->path != NULL) {
        fclose(out->fp);
        unlink(out->tmp_path);
    }
    g_free(out->path);
    g_free(out->tmp_path);
    g_free(out);
}
