/* signals.c - Ctrl-C, kill, a closed terminal or a reader that went away:
 * SIGINT, SIGTERM, SIGHUP and SIGPIPE remove every temporary output file
 * and end the process by the same signal, so the shell sees 128 + its
 * number (130, 143, 129, 141) and earlier reports stay as they were.
 *
 * The cleanup is done in the handler itself, on whichever thread the signal
 * reached, so a run stops at once even deep in a kernel that never looks
 * at a flag. The handler calls only async-signal-safe functions: unlink
 * (through smm_output_remove_temporaries), sigaction, pthread_sigmask,
 * raise, _exit.
 */
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include "cli.h"

static const int handled[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};

static void on_signal(int sig)
{
    smm_output_remove_temporaries();
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* not reached: the default action ends the process */
}

void smm_cli_signals_init(void)
{
    struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    for (guint i = 0; i < G_N_ELEMENTS(handled); i++)
        sigaddset(&sa.sa_mask, handled[i]); /* one cleanup at a time per thread */
    for (guint i = 0; i < G_N_ELEMENTS(handled); i++) {
        struct sigaction old;
        /* What was ignored stays ignored (nohup, a script's background
         * jobs), except SIGPIPE: a reader that left wants nothing more, and
         * dying by SIGPIPE is the quiet way to stop. */
        if (handled[i] != SIGPIPE && sigaction(handled[i], NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN)
            continue;
        sigaction(handled[i], &sa, NULL);
    }
}
