/* textdisk.c: the text cache's file between processes (textcache.h). A rebuild after a
 * correction lays out the same paragraphs again: kept here, they are neither shaped nor
 * broken again (on the 2023 report the layout took 12-18 ms with them shaped, 2 ms
 * with them found, and gave the same bytes).
 *
 * One file per report and layout: the cache entry (base/cache.h, magic "BGTXT1\n\0",
 * checked by its SHA-256) keyed by the SHA-256 of both files' absolute paths. Its payload:
 *   - the identity of the code that shaped it: the GNU build IDs of every object loaded in
 *     the process, ICU's included (baogao, HarfBuzz, ICU, libc, ...), sorted; a payload
 *     of any other code, or of a binary without build IDs, is never read;
 *   - the faces its paragraphs use, each as the SHA-256 of its file, face index and
 *     synthetic bold; a face the build has not loaded drops the paragraphs set in it;
 *   - the paragraphs: key (text, style runs, typo), shaping, breakings.
 * Numbers are stored as the process holds them (native order and width: the identity
 * names the machine's code, so no other machine's file is read). Every index read is
 * checked against what it indexes; a payload that fails a check is dropped from there on.
 * Only a build that shaped or broke anything anew, or left paragraphs unused, writes the
 * file (on a thread of its own while the PDF is written), and the folder keeps the
 * newest: at most 200 files and 256 MiB. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "textcache_impl.h"
#include "../base/cache.h"
#include "../base/icu.h"
#include "../base/sha256.h"
#include "../base/xalloc.h"

#include <dirent.h>
#include <elf.h>
#include <link.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A province's batch of school reports is a few hundred files of 1-2 MB each. */
enum { S_KEEP_FILES = 200, S_ID_MAX = 64 };
#define S_KEEP_BYTES ((uint64_t)256 << 20)
static const char S_MAGIC[8] = "BGTXT1\n";
static const char S_FOLDER[] = "text";

static struct {
    bool active;        /* bg_textcache_persist was called for this build */
    unsigned char key[32];
    bg_buf identity;    /* the code's identity, as the payload starts */
    bg_font **fonts;    /* staged: the faces the paragraphs use, a reference each */
    size_t font_count, font_cap;
    bg_buf faces;       /* staged: their part of the payload, read on the main thread */
    bg_textcache_entry **entries; /* staged: the paragraphs to write, owned */
    size_t entry_count;
    unsigned build;     /* the build that used them */
    pthread_t writer;   /* the thread that writes and frees them */
    bool writing;
} S;

/* ---- the code's identity ---- */

typedef struct {
    unsigned char id[S_ID_MAX];
    size_t len;
} S_build_id;

typedef struct {
    S_build_id *ids;
    size_t count, cap;
    bool main_has_id;
} S_ids;

static int S_collect(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    S_ids *ids = data;
    bool found = false;
    for (int i = 0; i < info->dlpi_phnum && !found; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE)
            continue;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
        size_t left = ph->p_memsz;
        while (left >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)p;
            size_t name = (n->n_namesz + 3) & ~(size_t)3, desc = (n->n_descsz + 3) & ~(size_t)3;
            if (sizeof *n + name + desc > left)
                break;
            if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && memcmp(p + sizeof *n, "GNU", 4) == 0 &&
                n->n_descsz > 0 && n->n_descsz <= S_ID_MAX) {
                BG_GROW(ids->ids, ids->cap, ids->count + 1);
                S_build_id *b = &ids->ids[ids->count++];
                memcpy(b->id, p + sizeof *n + name, n->n_descsz);
                b->len = n->n_descsz;
                found = true;
                break;
            }
            p += sizeof *n + name + desc;
            left -= sizeof *n + name + desc;
        }
    }
    if (info->dlpi_name == NULL || info->dlpi_name[0] == '\0')
        ids->main_has_id = ids->main_has_id || found;
    return 0;
}

static int S_id_order(const void *a, const void *b)
{
    const S_build_id *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->id, y->id, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* The identity into out: 0, or -1 when the program itself has no build ID. */
static int S_identity(bg_buf *out)
{
    (void)bg_icu(); /* ICU breaks the lines: loaded before the list is made */
    S_ids ids = {0};
    dl_iterate_phdr(S_collect, &ids);
    int rc = ids.main_has_id ? 0 : -1;
    if (rc == 0) {
        qsort(ids.ids, ids.count, sizeof *ids.ids, S_id_order);
        uint32_t sizes[] = {(uint32_t)sizeof(bg_shaped_glyph), (uint32_t)sizeof(bg_line), (uint32_t)ids.count};
        bg_buf_put(out, "baogao text 1", 14);
        bg_buf_put(out, sizes, sizeof sizes);
        for (size_t i = 0; i < ids.count; i++) {
            uint32_t len = (uint32_t)ids.ids[i].len;
            bg_buf_put(out, &len, sizeof len);
            bg_buf_put(out, ids.ids[i].id, len);
        }
    }
    free(ids.ids);
    return rc;
}

void bg_textcache_persist(const char *report_file, const char *layout_file)
{
    if (bg_textcache_enabled() || S.active)
        return;
    char *report = realpath(report_file, NULL), *layout = layout_file ? realpath(layout_file, NULL) : NULL;
    if (report) {
        bg_sha256 sha;
        bg_sha256_init(&sha);
        bg_sha256_update(&sha, report, strlen(report) + 1);
        if (layout)
            bg_sha256_update(&sha, layout, strlen(layout) + 1);
        bg_sha256_final(&sha, S.key);
        S.active = true;
        bg_textcache_on_(true);
    }
    free(report);
    free(layout);
}

/* ---- writing ---- */

static void S_u32(bg_buf *b, uint32_t v) { bg_buf_put(b, &v, sizeof v); }
static void S_u64(bg_buf *b, uint64_t v) { bg_buf_put(b, &v, sizeof v); }
static void S_f64(bg_buf *b, double v) { bg_buf_put(b, &v, sizeof v); }

/* Adds font to the staged faces with a reference (main thread: references are counted
 * without atomics). */
static void S_font_add(bg_font *font)
{
    if (!font)
        return;
    for (size_t i = 0; i < S.font_count; i++)
        if (S.fonts[i] == font)
            return;
    BG_GROW(S.fonts, S.font_cap, S.font_count + 1);
    S.fonts[S.font_count++] = bg_font_keep(font);
}

/* The index of font among the staged faces, or -1 for NULL (any thread). */
static int32_t S_font_index(const bg_font *font)
{
    for (size_t i = 0; font && i < S.font_count; i++)
        if (S.fonts[i] == font)
            return (int32_t)i;
    return -1;
}

static void S_put_typo(bg_buf *b, const bg_typo *t)
{
    S_u32(b, (uint32_t)t->punct);
    S_u32(b, (uint32_t)t->strictness);
    S_u32(b, t->line_end_adjust);
    S_f64(b, t->han_latin_gap);
    S_u32(b, (uint32_t)t->grid_chars);
    S_f64(b, t->grid_cell);
    S_f64(b, t->latin_scale);
    S_u32(b, t->grid_hang);
    S_u32(b, (uint32_t)t->min_last);
}

static void S_put_runs(bg_buf *b, const bg_style_run *runs, size_t count, bool links)
{
    S_u64(b, count);
    for (size_t i = 0; i < count; i++) {
        const bg_style_run *r = &runs[i];
        S_u64(b, r->start);
        S_u64(b, r->end);
        S_u32(b, (uint32_t)S_font_index(r->font));
        S_u32(b, (uint32_t)S_font_index(r->latin));
        S_f64(b, r->size);
        S_f64(b, r->rise);
        if (links && r->link) {
            S_u32(b, (uint32_t)strlen(r->link));
            bg_buf_put(b, r->link, strlen(r->link));
        } else {
            S_u32(b, UINT32_MAX);
        }
    }
}

static void S_put_entry(bg_buf *b, const bg_textcache_entry *e, unsigned build)
{
    const bg_shaped *s = e->shaped;
    S_u64(b, e->len);
    bg_buf_put(b, e->text, e->len);
    S_put_runs(b, e->runs, e->run_count, true);
    S_put_typo(b, &e->typo);
    S_put_runs(b, s->runs, s->run_count, false);
    for (size_t j = 0; j < s->run_count; j++)
        S_u64(b, e->run_src[j]);
    S_put_typo(b, &s->typo);
    S_u64(b, s->count);
    bg_buf_put(b, s->glyphs, s->count * sizeof *s->glyphs);
    S_f64(b, s->em);
    S_f64(b, s->natural_width);
    S_f64(b, s->min_width);
    S_u64(b, s->label_end);
    size_t used = 0;
    for (size_t i = 0; i < e->break_count; i++)
        used += e->breaks[i].used == build;
    S_u64(b, used);
    for (size_t i = 0; i < e->break_count; i++) {
        const S_breaking *k = &e->breaks[i];
        if (k->used != build)
            continue;
        S_f64(b, k->measure);
        S_f64(b, k->indent);
        S_u32(b, (uint32_t)k->align);
        S_u64(b, k->lines.count);
        bg_buf_put(b, k->lines.lines, k->lines.count * sizeof *k->lines.lines);
        S_u32(b, (k->lines.x ? 1u : 0u) | (k->lines.shift ? 2u : 0u));
        if (k->lines.x)
            bg_buf_put(b, k->lines.x, s->count * sizeof *k->lines.x);
        if (k->lines.shift)
            bg_buf_put(b, k->lines.shift, s->count * sizeof *k->lines.shift);
        S_f64(b, k->lines.badness);
        S_u64(b, k->lines.forced);
    }
}

/* What S_put_entry writes of the entries, or a little more. */
static size_t S_size(bg_textcache_entry *const *entries, size_t count)
{
    size_t size = 8;
    for (size_t k = 0; k < count; k++) {
        const bg_textcache_entry *e = entries[k];
        const bg_shaped *s = e->shaped;
        size += 8 + e->len + 2 * (8 + 48) + 8 + 4 * 8;
        for (size_t i = 0; i < e->run_count; i++)
            size += 44 + (e->runs[i].link ? strlen(e->runs[i].link) : 0);
        size += s->run_count * (44 + 8) + s->count * sizeof *s->glyphs;
        for (size_t i = 0; i < e->break_count; i++)
            size += 8 + 8 + 4 + 8 + e->breaks[i].lines.count * sizeof(bg_line) + 4 + 2 * s->count * sizeof(float) +
                    8 + 8;
    }
    return size;
}

/* Removes the oldest files of the folder past S_KEEP_FILES of them or S_KEEP_BYTES. */
static void S_prune(void)
{
    char *dir = bg_cache_path(S_FOLDER);
    DIR *d = dir ? opendir(dir) : NULL;
    if (!d) {
        free(dir);
        return;
    }
    typedef struct {
        char *path;
        struct timespec mtime;
        uint64_t size;
    } S_file;
    S_file *files = NULL;
    size_t n = 0, cap = 0;
    uint64_t total = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strlen(de->d_name) != 64 || strspn(de->d_name, "0123456789abcdef") != 64)
            continue;
        char *path = bg_strprintf("%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        BG_GROW(files, cap, n + 1);
        files[n++] = (S_file){path, st.st_mtim, (uint64_t)st.st_size};
        total += (uint64_t)st.st_size;
    }
    closedir(d);
    while (n > 1 && (n > S_KEEP_FILES || total > S_KEEP_BYTES)) {
        size_t oldest = 0;
        for (size_t i = 1; i < n; i++)
            if (files[i].mtime.tv_sec < files[oldest].mtime.tv_sec ||
                (files[i].mtime.tv_sec == files[oldest].mtime.tv_sec &&
                 files[i].mtime.tv_nsec < files[oldest].mtime.tv_nsec))
                oldest = i;
        unlink(files[oldest].path);
        total -= files[oldest].size;
        free(files[oldest].path);
        files[oldest] = files[--n];
    }
    for (size_t i = 0; i < n; i++)
        free(files[i].path);
    free(files);
    free(dir);
}

/* The writer's thread: the staged paragraphs into the payload, each freed once written,
 * then the file. */
static void *S_write(void *unused)
{
    (void)unused;
    bg_buf body = {0};
    bg_buf_reserve(&body, S_size(S.entries, S.entry_count)); /* one allocation: growing it
                                                                took 1.4 ms of 1.5 MB */
    S_u64(&body, S.entry_count);
    for (size_t k = 0; k < S.entry_count; k++) {
        S_put_entry(&body, S.entries[k], S.build);
        bg_textcache_entry_free_(S.entries[k]);
    }
    free(S.entries);
    S.entries = NULL;
    bg_cache_part parts[] = {{S.identity.data, S.identity.len}, {S.faces.data, S.faces.len},
                             {body.data, body.len}};
    bg_cache_store_large(S_FOLDER, S_MAGIC, S.key, parts, sizeof parts / sizeof parts[0]);
    bg_buf_free(&body);
    S_prune();
    return NULL;
}

void bg_textcache_stage(void)
{
    if (!S.active)
        return;
    bool dirty = bg_textcache_dirty_();
    size_t count;
    bg_textcache_entry **entries = bg_textcache_take_(&count);
    unsigned build = bg_textcache_build_();
    size_t used = 0;
    for (size_t k = 0; k < count; k++) {
        if (dirty && entries[k]->used == build)
            entries[used++] = entries[k];
        else
            bg_textcache_entry_free_(entries[k]);
    }
    if (used == 0 || S.identity.len == 0) {
        for (size_t k = 0; k < used; k++)
            bg_textcache_entry_free_(entries[k]);
        free(entries);
        return;
    }
    /* Faces and their digests here, on the main thread, which also counts references to
     * them; the digests may still be waited for, as the PDF's first page will. */
    for (size_t k = 0; k < used; k++) {
        const bg_textcache_entry *e = entries[k];
        for (size_t i = 0; i < e->run_count; i++) {
            S_font_add(e->runs[i].font);
            S_font_add(e->runs[i].latin);
        }
        for (size_t i = 0; i < e->shaped->run_count; i++) {
            S_font_add(e->shaped->runs[i].font);
            S_font_add(e->shaped->runs[i].latin);
        }
    }
    S_u64(&S.faces, S.font_count);
    for (size_t i = 0; i < S.font_count; i++) {
        bg_buf_put(&S.faces, bg_font_sha256(S.fonts[i]), 64);
        S_u32(&S.faces, S.fonts[i]->index);
        S_u32(&S.faces, S.fonts[i]->synthetic_bold);
    }
    S.entries = entries;
    S.entry_count = used;
    S.build = build;
    /* Written beside the PDF: on the main thread it took 2.5 ms of a rebuild after a
     * correction, and the paragraphs' memory went back only after the PDF. */
    S.writing = pthread_create(&S.writer, NULL, S_write, NULL) == 0;
    if (!S.writing)
        S_write(NULL);
}

void bg_textcache_save(void)
{
    if (!S.active)
        return; /* not a persisted build: `watch` keeps its cache */
    if (S.writing)
        pthread_join(S.writer, NULL);
    for (size_t i = 0; i < S.font_count; i++)
        bg_font_drop(S.fonts[i]);
    free(S.fonts);
    bg_buf_free(&S.faces);
    bg_buf_free(&S.identity);
    memset(&S, 0, sizeof S);
    bg_textcache_free();
    bg_textcache_on_(false);
}

/* ---- reading ---- */

typedef struct {
    const unsigned char *p;
    size_t left;
    bool bad;
} S_reader;

static const void *S_take(S_reader *r, size_t n)
{
    if (r->bad || n > r->left) {
        r->bad = true;
        return NULL;
    }
    const void *at = r->p;
    r->p += n;
    r->left -= n;
    return at;
}

/* size bytes into out (zeros once the payload is short: r->bad says so). */
static void S_get(S_reader *r, void *out, size_t size)
{
    const void *p = S_take(r, size);
    if (p)
        memcpy(out, p, size);
    else
        memset(out, 0, size);
}

static uint32_t S_get_u32(S_reader *r) { uint32_t v; S_get(r, &v, sizeof v); return v; }
static uint64_t S_get_u64(S_reader *r) { uint64_t v; S_get(r, &v, sizeof v); return v; }
static double S_get_f64(S_reader *r) { double v; S_get(r, &v, sizeof v); return v; }

/* A count of items of `size` bytes each that the rest of the payload can hold. */
static size_t S_get_count(S_reader *r, size_t size)
{
    uint64_t n = S_get_u64(r);
    if (r->bad || (size && n > r->left / size) || n > SIZE_MAX / 2) {
        r->bad = true;
        return 0;
    }
    return (size_t)n;
}

static void S_get_typo(S_reader *r, bg_typo *t)
{
    uint32_t punct = S_get_u32(r), strictness = S_get_u32(r), adjust = S_get_u32(r);
    t->han_latin_gap = S_get_f64(r);
    t->grid_chars = (int)S_get_u32(r);
    t->grid_cell = S_get_f64(r);
    t->latin_scale = S_get_f64(r);
    uint32_t hang = S_get_u32(r);
    t->min_last = (int)S_get_u32(r);
    if (punct > BG_PUNCT_BANJIAO || strictness > BG_LB_LOOSE || adjust > 1 || hang > 1)
        r->bad = true;
    t->punct = (bg_punct_style)punct;
    t->strictness = (bg_lb_strictness)strictness;
    t->line_end_adjust = adjust != 0;
    t->grid_hang = hang != 0;
}

/* The build's face for font index i of the file: NULL when it has none (*missing set);
 * index -1 (UINT32_MAX) is NULL when `optional`. */
static bg_font *S_get_font(S_reader *r, bg_font *const *map, size_t n, bool optional, bool *missing)
{
    uint32_t i = S_get_u32(r);
    if (i == UINT32_MAX && optional)
        return NULL;
    if (i >= n) {
        r->bad = true;
        return NULL;
    }
    if (!map[i])
        *missing = true;
    return map[i];
}

/* Runs over a text of len bytes, their links copied when `links`; NULL on a bad payload. */
static bg_style_run *S_get_runs(S_reader *r, size_t len, bg_font *const *map, size_t nfonts, bool links,
                                size_t *count, bool *missing)
{
    size_t n = S_get_count(r, 40);
    bg_style_run *runs = bg_xcalloc(n ? n : 1, sizeof *runs);
    for (size_t i = 0; i < n && !r->bad; i++) {
        bg_style_run *run = &runs[i];
        uint64_t start = S_get_u64(r), end = S_get_u64(r);
        if (start > end || end > len)
            r->bad = true;
        run->start = (size_t)start;
        run->end = (size_t)end;
        run->font = S_get_font(r, map, nfonts, false, missing);
        run->latin = S_get_font(r, map, nfonts, true, missing);
        run->size = S_get_f64(r);
        run->rise = S_get_f64(r);
        uint32_t link = S_get_u32(r);
        if (link != UINT32_MAX) {
            const char *name = S_take(r, link);
            if (!links || !name || memchr(name, 0, link))
                r->bad = true;
            else
                run->link = bg_xstrndup(name, link);
        }
    }
    *count = n;
    if (r->bad) {
        bg_style_runs_free(runs, n);
        return NULL;
    }
    return runs;
}

static bool S_get_breaking(S_reader *r, const bg_shaped *s, S_breaking *k)
{
    k->measure = S_get_f64(r);
    k->indent = S_get_f64(r);
    uint32_t align = S_get_u32(r);
    if (align > BG_ALIGN_RIGHT)
        r->bad = true;
    k->align = (bg_align)align;
    size_t n = S_get_count(r, sizeof(bg_line));
    const void *lines = S_take(r, n * sizeof(bg_line));
    uint32_t arrays = S_get_u32(r);
    const void *x = arrays & 1 ? S_take(r, s->count * sizeof(float)) : NULL;
    const void *shift = arrays & 2 ? S_take(r, s->count * sizeof(float)) : NULL;
    double badness = S_get_f64(r);
    uint64_t forced = S_get_u64(r);
    if (r->bad || arrays > 3)
        return false;
    /* copied before it is looked at: the payload is not aligned for a bg_line */
    k->lines = (bg_lines){.count = n, .badness = badness, .forced = (size_t)forced};
    k->lines.lines = bg_xmalloc((n ? n : 1) * sizeof *k->lines.lines);
    memcpy(k->lines.lines, lines, n * sizeof(bg_line));
    for (size_t i = 0; i < n; i++)
        if (k->lines.lines[i].first > s->count || k->lines.lines[i].count > s->count - k->lines.lines[i].first) {
            bg_lines_free(&k->lines);
            return false;
        }
    if (x) {
        k->lines.x = bg_xmalloc((s->count ? s->count : 1) * sizeof(float));
        memcpy(k->lines.x, x, s->count * sizeof(float));
    }
    if (shift) {
        k->lines.shift = bg_xmalloc((s->count ? s->count : 1) * sizeof(float));
        memcpy(k->lines.shift, shift, s->count * sizeof(float));
    }
    return true;
}

/* One paragraph, or NULL (with *missing set when it was whole but set in a face the
 * build has not loaded; r->bad when the payload is not whole). */
static bg_textcache_entry *S_get_entry(S_reader *r, bg_font *const *map, size_t nfonts, bool *missing)
{
    bg_textcache_entry *e = bg_xcalloc(1, sizeof *e);
    e->len = S_get_count(r, 1);
    const char *text = S_take(r, e->len);
    e->text = text ? bg_xstrndup(text, e->len) : NULL;
    if (text)
        e->runs = S_get_runs(r, e->len, map, nfonts, true, &e->run_count, missing);
    S_get_typo(r, &e->typo);
    bg_shaped *s = e->shaped = bg_xcalloc(1, sizeof *s);
    if (!r->bad) {
        s->runs = S_get_runs(r, e->len, map, nfonts, false, &s->run_count, missing);
        e->run_src = bg_xcalloc(s->run_count ? s->run_count : 1, sizeof *e->run_src);
        for (size_t j = 0; j < s->run_count && !r->bad; j++) {
            uint64_t src = S_get_u64(r);
            if (src >= e->run_count)
                r->bad = true;
            e->run_src[j] = (size_t)src;
        }
        S_get_typo(r, &s->typo);
        s->count = S_get_count(r, sizeof(bg_shaped_glyph));
        const void *glyphs = S_take(r, s->count * sizeof(bg_shaped_glyph)); /* not aligned */
        s->em = S_get_f64(r);
        s->natural_width = S_get_f64(r);
        s->min_width = S_get_f64(r);
        uint64_t label_end = S_get_u64(r);
        if (label_end > e->len)
            r->bad = true;
        s->label_end = (size_t)label_end;
        if (!r->bad) {
            s->text = bg_xstrndup(e->text, e->len);
            s->len = e->len;
            s->glyphs = bg_xmalloc((s->count ? s->count : 1) * sizeof *s->glyphs);
            memcpy(s->glyphs, glyphs, s->count * sizeof *s->glyphs);
            for (size_t i = 0; i < s->count; i++) {
                const bg_shaped_glyph *g = &s->glyphs[i];
                if (g->run >= s->run_count || g->cluster > e->len || g->cluster_len > e->len - g->cluster)
                    r->bad = true;
            }
        }
        size_t breaks = S_get_count(r, 40);
        if (!r->bad) {
            e->breaks = bg_xcalloc(breaks ? breaks : 1, sizeof *e->breaks);
            e->break_cap = breaks ? breaks : 1;
            for (size_t i = 0; i < breaks && !r->bad; i++) {
                if (!S_get_breaking(r, s, &e->breaks[i]))
                    r->bad = true;
                else
                    e->break_count++;
            }
        }
    }
    if (r->bad || *missing) {
        bg_textcache_entry_free_(e);
        return NULL;
    }
    return e;
}

size_t bg_textcache_read_(const void *data, size_t len, bg_font *const *fonts, size_t n)
{
    S_reader r = {data, len, false};
    size_t nfonts = S_get_count(&r, 72);
    bg_font **map = bg_xcalloc(nfonts ? nfonts : 1, sizeof *map);
    for (size_t i = 0; i < nfonts && !r.bad; i++) {
        const char *digest = S_take(&r, 64);
        uint32_t index = S_get_u32(&r), synthetic = S_get_u32(&r);
        for (size_t k = 0; digest && k < n && !map[i]; k++)
            if (fonts[k] && fonts[k]->index == index && fonts[k]->synthetic_bold == (synthetic != 0) &&
                memcmp(bg_font_sha256(fonts[k]), digest, 64) == 0)
                map[i] = fonts[k];
    }
    size_t entries = S_get_count(&r, 1), loaded = 0;
    for (size_t i = 0; i < entries && !r.bad; i++) {
        bool missing = false;
        bg_textcache_entry *e = S_get_entry(&r, map, nfonts, &missing);
        if (!e)
            continue;
        if (bg_textcache_insert_(e))
            loaded++;
        else
            bg_textcache_entry_free_(e);
    }
    free(map);
    return loaded;
}

bool bg_textcache_load(bg_font *const *fonts, size_t n)
{
    if (!S.active)
        return false;
    if (S_identity(&S.identity) != 0) {
        bg_buf_free(&S.identity); /* a program without a build ID keeps nothing */
        return false;
    }
    const void *payload;
    size_t len;
    bg_cache_map *file = bg_cache_load_large(S_FOLDER, S_MAGIC, S.key, &payload, &len);
    if (!file)
        return false;
    size_t loaded = 0;
    if (len >= S.identity.len && memcmp(payload, S.identity.data, S.identity.len) == 0)
        loaded = bg_textcache_read_((const unsigned char *)payload + S.identity.len, len - S.identity.len, fonts, n);
    bg_cache_unmap(file);
    return loaded > 0;
}
