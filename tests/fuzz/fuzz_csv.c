/* fuzz_csv.c: the CSV reader (bg_csv_read: quoting, line ends, BOM, UTF-8 checks) on
 * arbitrary bytes as a CSV file. */
#include "fuzz_tmpfile.h"
#include "model/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = bg_fuzz_tmpfile(data, size, ".csv");
    bg_diags diags;
    bg_diags_init(&diags);
    bg_csv csv;
    if (bg_csv_read(path, &csv, &diags) == 0)
        bg_csv_free(&csv);
    bg_diags_free(&diags);
    unlink(path);
    return 0;
}
