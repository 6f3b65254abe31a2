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
 *
 * Every output, stdout included, is a stdio stream over our own write
 * function: the first failed write(2) is kept with its errno, later bytes
 * are dropped, and the commit names the file and the reason ("No space left
 * on device"), whichever writer was writing.
 *
 * The temporary files are listed where a signal handler can remove them
 * (smm_output_remove_temporaries): a table of pointers, changed only with
 * the four signals blocked on the calling thread and `busy` set, so that a
 * handler running on another thread waits for a change to finish, and no
 * change starts once a handler has begun (`dying`).
 */
#include "smm/report.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "smm/core.h"

struct SmmOutput {
    FILE *fp;
    int fd;
    gboolean own_fd;  /* FALSE for stdout: flushed, never closed */
    int write_errno;  /* of the first failed write; 0: none */
    char *path;       /* as the user gave it; NULL: stdout */
    char *final_path; /* the file renamed over: path, links followed */
    char *tmp_path;   /* NULL: written directly */
    int slot;         /* tmp_path's place in the temporaries table; -1: none */
};

/* Links followed before giving up (the kernel's own limit is 40). */
#define MAX_LINKS 40
/* Temporary files open at once (a run has at most three outputs). */
#define MAX_TEMPORARIES 64
#define BUFFER_BYTES (1 << 16)

static _Atomic(char *) temporaries[MAX_TEMPORARIES];
static atomic_int busy, dying;
static GMutex registry_lock; /* between threads that open outputs */

/* The signals whose handler removes the temporaries (src/cli/signals.c). */
static void block_signals(sigset_t *saved)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, saved);
}

static void registry_enter(sigset_t *saved)
{
    block_signals(saved);
    g_mutex_lock(&registry_lock);
    atomic_store(&busy, 1);
    if (atomic_load(&dying)) {
        /* a handler on another thread is removing the files and will end
         * the process: change nothing more */
        atomic_store(&busy, 0);
        for (;;)
            pause();
    }
}

static void registry_leave(const sigset_t *saved)
{
    atomic_store(&busy, 0);
    g_mutex_unlock(&registry_lock);
    pthread_sigmask(SIG_SETMASK, saved, NULL);
}

void smm_output_remove_temporaries(void)
{
    atomic_store(&dying, 1);
    while (atomic_load(&busy))
        ; /* the change under way finishes: its thread has the signals blocked */
    for (int i = 0; i < MAX_TEMPORARIES; i++) {
        char *path = atomic_load(&temporaries[i]);
        if (path != NULL)
            unlink(path);
    }
}

/* Creates out->tmp_path from its template and lists it, as one change. */
static int create_temporary(SmmOutput *out)
{
    sigset_t saved;
    registry_enter(&saved);
    int slot = 0;
    while (slot < MAX_TEMPORARIES && atomic_load(&temporaries[slot]) != NULL)
        slot++;
    int fd = -1;
    if (slot == MAX_TEMPORARIES) {
        errno = EMFILE;
    } else {
        fd = g_mkstemp_full(out->tmp_path, O_WRONLY | O_CLOEXEC, 0666); /* umask applies */
        if (fd >= 0) {
            atomic_store(&temporaries[slot], out->tmp_path);
            out->slot = slot;
        }
    }
    int errnum = errno;
    registry_leave(&saved);
    errno = errnum;
    return fd;
}

/* Renames the temporary into place (keep) or removes it, and unlists it, as
 * one change: a handler never removes a finished report's temporary name
 * after the rename, nor reads a name being freed. Returns rename's result. */
static int finish_temporary(SmmOutput *out, gboolean keep)
{
    sigset_t saved;
    registry_enter(&saved);
    int rc = keep ? rename(out->tmp_path, out->final_path) : -1;
    int errnum = errno;
    if (rc != 0)
        unlink(out->tmp_path);
    atomic_store(&temporaries[out->slot], NULL);
    out->slot = -1;
    registry_leave(&saved);
    errno = errnum;
    return rc;
}

static ssize_t write_cookie(void *cookie, const char *buf, size_t size)
{
    SmmOutput *out = cookie;
    for (size_t done = 0; out->write_errno == 0 && done < size;) {
        ssize_t n = write(out->fd, buf + done, size - done);
        if (n > 0)
            done += (size_t)n;
        else if (n < 0 && errno != EINTR)
            out->write_errno = errno;
        else if (n == 0)
            out->write_errno = EIO;
    }
    /* Taken as written even after an error: the writers go on to the end
     * and the commit reports the first error, with the file's name. */
    return (ssize_t)size;
}

static int close_cookie(void *cookie)
{
    SmmOutput *out = cookie;
    if (out->own_fd && close(out->fd) != 0 && out->write_errno == 0)
        out->write_errno = errno;
    return 0;
}

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

char *smm_output_resolve(const char *path)
{
    int descriptor;
    return resolve_links(path, &descriptor);
}

static void free_output(SmmOutput *out)
{
    g_free(out->path);
    g_free(out->final_path);
    g_free(out->tmp_path);
    g_free(out);
}

static SmmOutput *open_failed(SmmOutput *out, const char *path, int errnum, GError **error)
{
    g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: cannot create the output file: %s", path,
                g_strerror(errnum));
    free_output(out);
    return NULL;
}

/* The stream over out->fd. */
static gboolean open_stream(SmmOutput *out)
{
    cookie_io_functions_t io = {.write = write_cookie, .close = close_cookie};
    out->fp = fopencookie(out, "w", io);
    if (out->fp == NULL)
        return FALSE;
    setvbuf(out->fp, NULL, _IOFBF, BUFFER_BYTES);
    return TRUE;
}

/* The descriptor the report goes to, or -1 with errno set. */
static int open_descriptor(SmmOutput *out, int descriptor)
{
    struct stat st;
    if (descriptor >= 0) {
        if (descriptor == STDOUT_FILENO)
            fflush(stdout);
        return fcntl(descriptor, F_DUPFD_CLOEXEC, 3);
    }
    if (stat(out->final_path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            return -1;
        }
        return open(out->final_path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    }
    out->tmp_path = g_strdup_printf("%s.XXXXXX", out->final_path);
    int fd = create_temporary(out);
    if (fd >= 0 && stat(out->final_path, &st) == 0)
        fchmod(fd, st.st_mode & 07777); /* a replaced report keeps its permissions */
    return fd;
}

SmmOutput *smm_output_open(const char *path, GError **error)
{
    SmmOutput *out = g_new0(SmmOutput, 1);
    out->slot = -1;
    if (path == NULL || strcmp(path, "-") == 0) {
        fflush(stdout); /* what was written there before goes first */
        out->fd = STDOUT_FILENO;
        if (!open_stream(out))
            return open_failed(out, "stdout", errno, error);
        return out;
    }
    out->path = g_strdup(path);
    int descriptor;
    out->final_path = resolve_links(path, &descriptor);
    if (out->final_path == NULL)
        return open_failed(out, path, errno, error);
    out->fd = open_descriptor(out, descriptor);
    out->own_fd = TRUE;
    if (out->fd < 0 || !open_stream(out)) {
        int errnum = errno;
        if (out->fd >= 0)
            close(out->fd);
        if (out->slot >= 0)
            finish_temporary(out, FALSE);
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
    const char *name = out->path != NULL ? out->path : "stdout";
    fflush(out->fp);
    fclose(out->fp); /* closes the descriptor (close_cookie), keeping its error */
    gboolean ok = out->write_errno == 0;
    if (!ok)
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: write error: %s", name,
                    g_strerror(out->write_errno));
    if (out->slot >= 0 && finish_temporary(out, ok) != 0 && ok) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO,
                    "%s: cannot rename the finished report into place: %s", name,
                    g_strerror(errno));
        ok = FALSE;
    }
    free_output(out);
    return ok;
}

void smm_output_abort(SmmOutput *out)
{
    if (out == NULL)
        return;
    out->write_errno = ECANCELED; /* nothing more reaches the file */
    fclose(out->fp);
    if (out->slot >= 0)
        finish_temporary(out, FALSE);
    free_output(out);
}
