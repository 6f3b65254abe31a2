/* main.c - smmgraph's entry point: picks the subcommand, and is the only
 * place that prints errors and chooses the exit status. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "smm/core.h"

static const SmmCommand commands[] = {
    {"import", smm_cmd_import, "read a follower file once into a binary graph file"},
    {"rank", smm_cmd_rank, "rank accounts by reach and centrality"},
    {"cascades", smm_cmd_cascades, "reconstruct how each post spread, and its shape"},
    {"adopters", smm_cmd_adopters, "who adopts early, and who follows them"},
    {"seeds", smm_cmd_seeds, "the best K accounts to seed a campaign (influence maximization)"},
    {"simulate", smm_cmd_simulate, "simulate cascades from given accounts"},
    {"export", smm_cmd_export, "the graph with every metric as GraphML or GEXF, for Gephi"},
    {"stats", smm_cmd_stats, "the summary of a follower graph: components, degrees, power law"},
    {"report", smm_cmd_report, "one HTML page: the data, the shortlist, reach, distributions"},
};

static void print_usage(FILE *fp)
{
    fprintf(fp, "Usage: smmgraph COMMAND [OPTION...] FILE...\n"
                "\n"
                "Finds the opinion leaders in social networks from CSV exports.\n"
                "\n"
                "Commands:\n");
    for (guint i = 0; i < G_N_ELEMENTS(commands); i++)
        fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(fp,
            "\n"
            "Run 'smmgraph COMMAND --help' for a command's options.\n"
            "\n"
            "%s\n"
            "Exit status: 0 success, 1 bad or unreadable input, 2 bad command line.\n",
            smm_cli_direction_help);
}

static int exit_status(const GError *error)
{
    if (error->domain == SMM_ERROR && error->code == SMM_ERROR_USAGE)
        return SMM_EXIT_USAGE;
    return SMM_EXIT_FAILURE;
}

int main(int argc, char **argv)
{
    /* The user's character set for help text; numbers stay in the C locale
     * (LC_NUMERIC untouched) so reports always use a decimal point. */
    setlocale(LC_CTYPE, "");
    smm_cli_signals_init();
    if (argc < 2) {
        print_usage(stderr);
        return SMM_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_usage(stdout);
        return SMM_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("%s\n", PACKAGE_STRING);
        return SMM_EXIT_OK;
    }
    smm_igraph_init();
    for (guint i = 0; i < G_N_ELEMENTS(commands); i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        g_autofree char *prgname = g_strdup_printf("smmgraph %s", commands[i].name);
        g_set_prgname(prgname);
        g_autoptr(GError) error = NULL;
        gboolean ok = commands[i].run(argc - 1, argv + 1, &error) &&
                      smm_cli_summary_write(commands[i].name, &error);
        smm_cli_outputs_discard(); /* what a failed command left open */
        smm_cli_summary_clear();
        smm_cli_progress_end();
        if (ok)
            return SMM_EXIT_OK;
        if (g_error_matches(error, SMM_ERROR, SMM_ERROR_MEMORY))
            smm_cli_hint(&error, "--max-memory SIZE sets the limit");
        fprintf(stderr, "smmgraph: %s\n", error->message);
        return exit_status(error);
    }
    g_autofree gchar *q = smm_quote_value(argv[1], -1);
    fprintf(stderr,
            "smmgraph: unknown command %s (commands: import, rank, cascades, adopters, seeds, "
            "simulate, export, stats, report; see smmgraph --help)\n",
            q);
    return SMM_EXIT_USAGE;
}
