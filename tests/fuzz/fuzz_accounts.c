/* fuzz_accounts.c - an account list (--exclude, --candidates, --cost,
 * --from) through its importer, against a few known accounts.
 *
 * Input: one byte of options, then the file. Checks that every id read is
 * a known account, every price a positive number, and the count of unknown
 * accounts agrees with the first one kept.
 */
#include <math.h>
#include <string.h>

#include "fuzz.h"
#include "smm/import.h"

enum {
    OPT_COST = 1 << 0, /* a second column of prices */
    OPT_HEADER = 3 << 1,
    OPT_THREADS = 1 << 3,
    OPT_LIBCSV = 1 << 4,
    OPT_PIECES = 1 << 5, /* a few bytes at a time, and a small field limit */
    OPT_LATIN = 1 << 6,
};

static const SmmHeaderMode header_modes[4] = {SMM_HEADER_AUTO, SMM_HEADER_YES, SMM_HEADER_NO,
                                              SMM_HEADER_AUTO};

/* Built once and only read: looking names up adds none. */
static const SmmNames *known(void)
{
    static SmmNames *names;
    if (names == NULL) {
        static const char *const accounts[] = {"a",     "b",   "c",     "alice", "bob", "1",
                                               "2",     "42",  "é",     "Zoë",   "@x",  "user_1",
                                               "carol", "dan", "erin ", " f"};
        names = smm_names_new();
        for (guint i = 0; i < G_N_ELEMENTS(accounts); i++) {
            guint32 id;
            smm_names_intern(names, accounts[i], (guint32)strlen(accounts[i]), &id, NULL);
        }
    }
    return names;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    guint8 opt = data[0];
    SmmCsvOptions csv = {0};
    csv.data = data + 1;
    csv.data_len = size - 1;
    csv.header = header_modes[(opt & OPT_HEADER) >> 1];
    csv.n_threads = (opt & OPT_THREADS) ? 2 : 1;
    csv.parser = (opt & OPT_LIBCSV) ? SMM_CSV_PARSER_LIBCSV : SMM_CSV_PARSER_AUTO;
    csv.piece_bytes = (opt & OPT_PIECES) ? 1 + (guint)(size % 5) : 0;
    csv.max_field = (opt & OPT_PIECES) ? 8 + (guint)(size % 57) : 0;
    csv.encoding = (opt & OPT_LATIN) ? "latin1" : NULL;
    const SmmNames *names = known();
    SmmAccountList list;
    GError *error = NULL;
    if (!smm_import_account_list("accounts.csv", &csv, names,
                                 (opt & OPT_COST) ? "cost column" : NULL, &list, &error)) {
        g_error_free(error);
        return 0;
    }
    FUZZ_CHECK((list.unknown > 0) == (list.first_unknown != NULL));
    FUZZ_CHECK((list.values != NULL) == ((opt & OPT_COST) != 0));
    for (guint i = 0; i < list.ids->len; i++) {
        FUZZ_CHECK(g_array_index(list.ids, guint32, i) < smm_names_count(names));
        if (list.values != NULL) {
            double v = g_array_index(list.values, double, i);
            FUZZ_CHECK(isfinite(v) && v > 0);
        }
    }
    FUZZ_CHECK(list.values == NULL || list.values->len == list.ids->len);
    smm_account_list_clear(&list);
    return 0;
}
