/* json_formats.c - which extractor reads which JSON format. */
#include "json_formats.h"

#include "json_jetstream.h"

gboolean smm_json_read_format(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                              SmmInputFormat format, SmmTwitterRole role, guint want,
                              const SmmJsonColumns *cols, SmmBatchFunc fn, gpointer ctx,
                              SmmCsvStats *stats, SmmNames *names, GError **error)
{
    const SmmJsonRole config = {role, want};
    return smm_json_read_from(src, path, options, cols,
                              format == SMM_INPUT_JETSTREAM ? &smm_jetstream_extractor
                                                            : &smm_twitter_extractor,
                              &config, fn, ctx, stats, names, error);
}
