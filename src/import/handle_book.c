/* handle_book.c - handles by id hash, one text for all, labels at the end. */
#include "handle_book.h"

#include <string.h>

void smm_handle_book_init(SmmHandleBook *book)
{
    memset(&book->map, 0, sizeof book->map);
    book->text = g_string_new(NULL);
}

void smm_handle_book_clear(SmmHandleBook *book)
{
    smm_key_map_clear(&book->map);
    if (book->text != NULL)
        g_string_free(book->text, TRUE);
    book->text = NULL;
}

gboolean smm_handle_book_add(SmmHandleBook *book, guint64 key, const char *id, gsize id_len,
                             const char *handle, gsize handle_len, gboolean last, GError **error)
{
    gboolean added;
    SmmKeySlot *slot = smm_key_map_put(&book->map, key, &added, error);
    if (slot == NULL)
        return FALSE;
    if (added || last) {
        slot->value = book->text->len;
        g_string_append_len(book->text, id, (gssize)id_len);
        g_string_append_c(book->text, '\0');
        g_string_append_len(book->text, handle, (gssize)handle_len);
        g_string_append_c(book->text, '\0');
    }
    return TRUE;
}

void smm_handle_book_label(const SmmHandleBook *book, SmmNames *names)
{
    if (names == NULL || book->map.slots == NULL)
        return;
    for (guint64 i = 0; i <= book->map.mask; i++) {
        if (book->map.slots[i].key == 0)
            continue;
        const char *id = book->text->str + book->map.slots[i].value;
        gsize id_len = strlen(id);
        guint32 account;
        if (smm_names_lookup(names, id, (guint32)id_len, &account))
            smm_names_set_label(names, account, id + id_len + 1, strlen(id + id_len + 1));
    }
}
