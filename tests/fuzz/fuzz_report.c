/* fuzz_report.c: the report loader and checker (bg_model_load: JSON, blocks, inline
 * markup, tables, numbering, references) on arbitrary bytes as a report file. Files the
 * report names resolve beside the temporary file, in TMPDIR. */
#include "fuzz_tmpfile.h"
#include "model/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = bg_fuzz_tmpfile(data, size, ".json");
    bg_diags diags;
    bg_diags_init(&diags);
    bg_document *doc = bg_model_load(path, &diags);
    bg_document_free(doc);
    bg_diags_free(&diags);
    unlink(path);
    return 0;
}
