/* output.c - all-or-nothing output files, and direct writes to everything
 * that is not a regular file.
 *
 * A regular file (or a path that does not exist yet) gets the report under
 * "NAME.XXXXXX" beside it, renamed over NAME only after every byte was
 * written and flushed, so an error or a crash never leaves a truncated
 * report where a good one is expected. A symbolic link is followed first:
 * the file it names is the one replaced, and the link stays a link.
 *
 * Anything else is opened and written directly: renaming a file over
 * /dev/null (as root) would replace the machine's /dev/null with a regular
 * file, and over a FIFO would leave its reader waiting. /dev/stdout,
 * /dev/fd/N and /proc/self/fd/N mean a descriptor this process already
 * holds; reopening them would start a redirected file at offset 0 (and
 * overwrite what `>>` meant to keep), so the descriptor is duplicated.
 */
#include "smm/report.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smm/core.h"

struct SmmOutput {
    FILE *fp;
    char *path;       /* as the user gave it; NULL: stdout */
    char *final_path; /* the file renamed over: path, links followed */
    char *tmp_path;   /* NULL: written directly */
};

/* Links followed before giving up (the kernel's own limit is 40). */
#define MAX_LINKS 40

/* The descriptor a name like /dev/stdout or /proc/self/fd/3 stands for, or -1. */
static int held_descriptor(const char *path)
{
    static const char *const std[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    for (int i = 0; i < 3; i++)
        if (strcmp(path, std[i]) == 0)
            return i;
    const char *num = NULL;
    if (g_str_has_prefix(path, "/dev/fd/"))
        num = path + strlen("/dev/fd/");
    else if (g_str_has_prefix(path, "/proc/self/fd/"))
        num = path + strlen("/proc/self/fd/");
    if (num == NULL || !g_ascii_isdigit(*num))
        return -1;
    char *end = NULL;
    long fd = strtol(num, &end, 10);
    return *end == '\0' && fd <= G_MAXINT ? (int)fd : -1;
}

/* Follows symbolic links from `path`. Returns the final name, or NULL with
 * errno set (ELOOP for a cycle). Sets *descriptor when a link leads to a
 * descriptor name (see held_descriptor()). */
static char *resolve_links(const char *path, int *descriptor)
{
    char *at = g_strdup(path);
    *descriptor = held_descriptor(at);
    for (int hops = 0; *descriptor < 0; hops++) {
        struct stat st;
        if (lstat(at, &st) != 0 || !S_ISLNK(st.st_mode))
            return at; /* not a link (or not there yet): this is the name */
        if (hops == MAX_LINKS) {
            g_free(at);
            errno = ELOOP;
            return NULL;
        }
        GError *e = NULL;
        char *target = g_file_read_link(at, &e);
        if (target == NULL) {
            g_error_free(e);
            g_free(at);
            errno = EINVAL;
            return NULL;
        }
        if (!g_path_is_absolute(target)) {
            char *dir = g_path_get_dirname(at);
            char *joined = g_build_filename(dir, target, NULL);
            g_free(dir);
            g_free(target);
            target = joined;
        }
        g_free(at);
        at = target;
        *descriptor = held_descriptor(at);
    }
    return at;
}

static SmmOutput *open_failed(SmmOutput *out, const char *path, int errnum, GError **error)
{
    g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: cannot create the output file: %s", path,
                g_strerror(errnum));
    g_free(out->path);
    g_free(out->final_path);
    g_free(out->tmp_path);
    g_free(out);
    return NULL;
}

SmmOutput *smm_output_open(const char *path, GError **error)
{
    SmmOutput *out = g_new0(SmmOutput, 1);
    if (path == NULL || strcmp(path, "-") == 0) {
        out->fp = stdout;
        return out;
    }
    out->path = g_strdup(path);
    int descriptor;
    char *final = resolve_links(path, &descriptor);
    if (final == NULL)
        return open_failed(out, path, errno, error);
    out->final_path = final;

    int fd = -1;
    struct stat st;
    if (descriptor >= 0) {
        if (descriptor == STDOUT_FILENO)
            fflush(stdout);
        fd = fcntl(descriptor, F_DUPFD_CLOEXEC, 3);
    } else if (stat(final, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return open_failed(out, path, EISDIR, error);
        fd = open(final, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    } else {
        out->tmp_path = g_strdup_printf("%s.XXXXXX", final);
        fd = g_mkstemp_full(out->tmp_path, O_WRONLY | O_CLOEXEC, 0666); /* umask applies */
        if (fd >= 0 && stat(final, &st) == 0)
            fchmod(fd, st.st_mode & 07777); /* a replaced report keeps its permissions */
    }
    if (fd < 0 || (out->fp = fdopen(fd, "w")) == NULL) {
        int errnum = errno;
        if (fd >= 0) {
            close(fd);
            if (out->tmp_path != NULL)
                unlink(out->tmp_path);
        }
        return open_failed(out, path, errnum, error);
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
        if (out->tmp_path != NULL) {
            if (ok && rename(out->tmp_path, out->final_path) != 0) {
                g_set_error(error, SMM_ERROR, SMM_ERROR_IO,
                            "%s: cannot rename the finished report into place: %s", name,
                            g_strerror(errno));
                ok = FALSE;
            }
            if (!ok)
                unlink(out->tmp_path);
        }
    }
    g_free(out->path);
    g_free(out->final_path);
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
        if (out->tmp_path != NULL)
            unlink(out->tmp_path);
    }
    g_free(out->path);
    g_free(out->final_path);
    g_free(out->tmp_path);
    g_free(out);
}
