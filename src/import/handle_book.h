/* handle_book.h - the handles an input gives its accounts (twarc's
 * usernames, Jetstream's identity handles), kept until the accounts are
 * interned and then given to them as labels. Private to the import stage.
 *
 * Keyed by the id's smm_names_hash(); one text holds every "ID\0HANDLE\0",
 * so an account costs a map slot and its two strings, not two allocations. */
#ifndef SMM_HANDLE_BOOK_H
#define SMM_HANDLE_BOOK_H

#include <glib.h>

#include "seen_set.h"
#include "smm/names.h"

typedef struct {
    SmmKeyMap map; /* id hash -> offset of "ID\0HANDLE\0" in text */
    GString *text;
} SmmHandleBook;

void smm_handle_book_init(SmmHandleBook *book);
void smm_handle_book_clear(SmmHandleBook *book);
/* Account `id` (its hash `key`) goes by `handle`: the first handle given
 * for an id stays, or with `last` each later one replaces it. FALSE (error
 * set) when the map would pass --max-memory. */
gboolean smm_handle_book_add(SmmHandleBook *book, guint64 key, const char *id, gsize id_len,
                             const char *handle, gsize handle_len, gboolean last, GError **error);
/* The accounts of `names` the book names get their handles as labels. */
void smm_handle_book_label(const SmmHandleBook *book, SmmNames *names);

#endif
