/* json_formats.c - which extractor reads which JSON format. */
#include "json_formats.h"

#include "json_jetstream.h"

gboolean smm_json_read_format(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                              SmmInputFormat format, SmmTwitterRole role, guint want,
                              const SmmJsonColumns *cols, SmmBatchFunc fn, gpointer ctx,
                              SmmCsvStats *stats, SmmNames *names, GError **error)
{
    gboolean ok;
    if (format == SMM_INPUT_JETSTREAM) {
        SmmJetstreamExtractor *x = smm_jetstream_extractor_new(role, want, stats);
        ok = smm_json_read_from(src, path, options, cols, &smm_jetstream_extractor, x, fn, ctx,
                                stats, error);
        if (ok)
            smm_jetstream_extractor_label(x, names);
        smm_jetstream_extractor_free(x);
    } else {
        SmmTwitterExtractor *x = smm_twitter_extractor_new(role, want, stats);
        ok = smm_json_read_from(src, path, options, cols, &smm_twitter_extractor, x, fn, ctx, stats,
                                error);
        if (ok)
            smm_twitter_extractor_label(x, names);
        smm_twitter_extractor_free(x);
    }
    return ok;
}
