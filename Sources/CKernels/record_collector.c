#include "record_collector.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Grows a block to hold at least `needed` items of `size` bytes, doubling
   so that a million appends copy each item about once. */
static int grow(void **block, size_t *capacity, size_t needed, size_t size) {
  if (__builtin_expect(needed <= *capacity, 1)) return 1;
  size_t next = *capacity < 1024 ? 1024 : *capacity;
  while (next < needed) next *= 2;
  void *grown = realloc(*block, next * size);
  if (grown == NULL) return 0;
  *block = grown;
  *capacity = next;
  return 1;
}

void stagecast_collector_init(stagecast_collector *collector, stagecast_records *records) {
  memset(collector, 0, sizeof *collector);
  collector->records = records;
  collector->line = 1;
  collector->open_field_line = 1;
  collector->record_line = 1;
  collector->record_first_span = records->span_count;
  collector->record_first_byte = records->byte_count;
}

/* Returns whether a word has a byte below 0x0E, as CR and LF are. Such a
   byte borrows into its own high bit, and ~word masks out bytes of 0x80
   and above. */
static inline int word_has_control_byte(uint64_t word) {
  return ((word - 0x0E0E0E0E0E0E0E0EULL) & ~word & 0x8080808080808080ULL) != 0;
}

/* Returns whether any byte is below 0x0E. Nearly every field has none, and
   one pass over eight bytes at a time settles it. */
static inline int has_control_byte(const unsigned char *bytes, size_t count) {
  size_t offset = 0;
  for (; offset + 8 <= count; offset += 8) {
    uint64_t word;
    memcpy(&word, bytes + offset, 8);
    if (word_has_control_byte(word)) return 1;
  }
  for (; offset < count; offset++) {
    if (bytes[offset] < 0x0E) return 1;
  }
  return 0;
}

/* Marks in what `copy_field` returns. */
enum { FIELD_HAS_CONTROL = 1, FIELD_HAS_HIGH = 2 };

/* Returns the marks of a long field, eight bytes at a time. */
static int long_field_marks(const unsigned char *bytes, size_t count) {
  int has_control = 0;
  uint64_t high = 0;
  size_t offset = 0;
  for (; offset + 8 <= count; offset += 8) {
    uint64_t word;
    memcpy(&word, bytes + offset, 8);
    has_control |= word_has_control_byte(word);
    high |= word;
  }
  for (; offset < count; offset++) {
    has_control |= bytes[offset] < 0x0E;
    high |= bytes[offset];
  }
  return (has_control ? FIELD_HAS_CONTROL : 0) |
         (high & 0x8080808080808080ULL ? FIELD_HAS_HIGH : 0);
}

/* Copies a field and returns whether it contains a byte below 0x0E
   (FIELD_HAS_CONTROL) and one above 0x7F (FIELD_HAS_HIGH).

   libcsv has just written the field into its buffer one byte at a time, and
   those stores are still on their way to the cache. A load wider than a byte
   cannot take its value from several pending byte stores and waits for them
   all; byte loads take each value from its store at once. So short fields,
   nearly all of them, are copied a byte at a time, and only long ones, whose
   first bytes have long reached the cache, through memcpy. */
static inline int copy_field(unsigned char *to, const unsigned char *from, size_t count) {
  if (count > 64) {
    memcpy(to, from, count);
    return long_field_marks(from, count);
  }
  int marks = 0;
  unsigned char high = 0;
#pragma clang loop vectorize(disable) interleave(disable)
  for (size_t index = 0; index < count; index++) {
    unsigned char byte = from[index];
    to[index] = byte;
    marks |= byte < 0x0E;
    high |= byte;
  }
  return marks | (high & 0x80 ? FIELD_HAS_HIGH : 0);
}

size_t stagecast_utf8_invalid_offset(const unsigned char *bytes, size_t count) {
  size_t index = 0;
  while (index < count) {
    unsigned char lead = bytes[index];
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    /* Most Chinese characters: E1–EC or EE–EF and two bytes of 80–BF. */
    if (lead >= 0xE1 && lead <= 0xEF && lead != 0xED && count - index >= 3 &&
        (bytes[index + 1] & 0xC0) == 0x80 && (bytes[index + 2] & 0xC0) == 0x80) {
      index += 3;
      continue;
    }

    /* The continuation bytes a lead byte wants, and the range of the
       first, which is narrower after E0, ED, F0 and F4. */
    size_t more;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      more = 1;
    } else if (lead == 0xE0) {
      more = 2;
      low = 0xA0;
    } else if (lead == 0xED) {
      more = 2;
      high = 0x9F;
    } else if (lead >= 0xE1 && lead <= 0xEF) {
      more = 2;
    } else if (lead == 0xF0) {
      more = 3;
      low = 0x90;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
      more = 3;
    } else if (lead == 0xF4) {
      more = 3;
      high = 0x8F;
    } else {
      return index;
    }
    if (count - index <= more) return index;
    if (bytes[index + 1] < low || bytes[index + 1] > high) return index;
    for (size_t next = 2; next <= more; next++) {
      if ((bytes[index + next] & 0xC0) != 0x80) return index;
    }
    index += more + 1;
  }
  return count;
}

/* Decodes a GB18030 field into UTF-8 at `to`, which has room for one and
   a half times `count`: a two-byte character gives at most three bytes, a
   four-byte one four. Returns `count`, or the offset of the first bytes
   that are not GB18030. */
static size_t decode_gb18030(const stagecast_gb18030 *gb18030, const unsigned char *from,
                             size_t count, unsigned char *to, size_t *written) {
  size_t read = 0;
  size_t out = 0;
  while (read < count) {
    unsigned char lead = from[read];
    if (lead < 0x80) {
      to[out++] = lead;
      read += 1;
      continue;
    }
    if (read + 1 < count && lead >= 0x81 && lead <= 0xFE) {
      unsigned char trail = from[read + 1];
      if (trail >= 0x40 && trail <= 0xFE && trail != 0x7F) {
        uint32_t entry =
            gb18030->two_byte_characters[(size_t)(lead - 0x81) * 191 + (size_t)(trail - 0x40)];
        if (entry != 0) {
          uint32_t length = entry >> 24;
          for (uint32_t index = 0; index < length; index++) {
            to[out + index] = (unsigned char)(entry >> (8 * index));
          }
          out += length;
          read += 2;
          continue;
        }
      }
    }

    /* A four-byte character, or bytes that are not GB18030: iconv decides
       the rest of the field. A character cut by the field's end is invalid,
       because no delimiter or line break can be part of one. */
    char *input = (char *)(from + read);
    size_t input_left = count - read;
    char *output = (char *)(to + out);
    size_t output_left = input_left + input_left / 2;
    iconv_t handle = (iconv_t)gb18030->iconv;
    size_t result = iconv(handle, &input, &input_left, &output, &output_left);
    iconv(handle, NULL, NULL, NULL, NULL);
    if (result == (size_t)-1) return (size_t)((const unsigned char *)input - from);
    out = (size_t)((unsigned char *)output - to);
    read = count;
  }
  *written = out;
  return count;
}

static int is_visible_ascii(unsigned char byte) { return byte > 0x20 && byte < 0x7F; }

__attribute__((noinline)) static stagecast_span trimmed_span_slowly(const unsigned char *bytes,
                                                                    size_t count);

__attribute__((always_inline)) static inline stagecast_span trimmed_span(const unsigned char *bytes,
                                                                       size_t count) {
  /* Most cells start and end with a visible ASCII character. */
  if (count == 0 || (is_visible_ascii(bytes[0]) && is_visible_ascii(bytes[count - 1]))) {
    return (stagecast_span){0, (uint32_t)count};
  }
  return trimmed_span_slowly(bytes, count);
}

static size_t count_line_breaks(const unsigned char *bytes, size_t count) {
  size_t breaks = 0;
  for (size_t index = 0; index < count; index++) {
    if (bytes[index] == '\n') {
      breaks += 1;
    } else if (bytes[index] == '\r' && (index + 1 == count || bytes[index + 1] != '\n')) {
      breaks += 1;
    }
  }
  return breaks;
}

/* Stops collecting at bytes that are not in the input's encoding, and
   moves the collector's line to the line that contains them, because a
   quoted field may start lines before. */
static void fail_on_encoding(stagecast_collector *collector, const unsigned char *field,
                             size_t offset) {
  collector->line += (int64_t)count_line_breaks(field, offset);
  collector->failure = STAGECAST_COLLECTOR_INVALID_ENCODING;
}

void stagecast_collect_field(void *bytes, size_t count, void *context) {
  stagecast_collector *collector = context;
  stagecast_records *records = collector->records;
  if (collector->failure != STAGECAST_COLLECTOR_OK) return;
  if (bytes == NULL) count = 0;

  if (records->span_count == collector->record_first_span) {
    collector->record_line = collector->line;
  }
  if (records->byte_count + count > UINT32_MAX) {
    collector->failure = STAGECAST_COLLECTOR_TOO_BIG;
    return;
  }
  /* Decoded GB18030 takes up to one and a half times its bytes. */
  size_t room = collector->gb18030 != NULL ? count + count / 2 : count;
  if (!grow((void **)&records->bytes, &records->byte_capacity, records->byte_count + room, 1) ||
      !grow((void **)&records->spans, &records->span_capacity, records->span_count + 1,
            sizeof(stagecast_span))) {
    collector->failure = STAGECAST_COLLECTOR_OUT_OF_MEMORY;
    return;
  }

  uint32_t start = (uint32_t)records->byte_count;
  const unsigned char *field = bytes;
  int marks = copy_field(records->bytes + start, field, count);
  size_t stored = count;
  const unsigned char *text = field;
  if ((marks & FIELD_HAS_HIGH) && collector->checks_utf8) {
    size_t invalid = stagecast_utf8_invalid_offset(field, count);
    if (invalid < count) {
      fail_on_encoding(collector, field, invalid);
      return;
    }
  }
  if ((marks & FIELD_HAS_HIGH) && collector->gb18030 != NULL) {
    size_t invalid = decode_gb18030(collector->gb18030, field, count, records->bytes + start, &stored);
    if (invalid < count) {
      fail_on_encoding(collector, field, invalid);
      return;
    }
    /* Trimmed as UTF-8, where the ideographic space is E3 80 80. */
    text = records->bytes + start;
  }
  if (start + stored > UINT32_MAX) {
    collector->failure = STAGECAST_COLLECTOR_TOO_BIG;
    return;
  }
  records->byte_count += stored;
  stagecast_span trimmed = trimmed_span(text, stored);
  records->spans[records->span_count++] =
      (stagecast_span){start + trimmed.start, start + trimmed.end};

  /* GB18030 characters hold no byte below 0x30, so the raw bytes have the
     same line breaks. */
  if (marks & FIELD_HAS_CONTROL) collector->line += (int64_t)count_line_breaks(field, count);
  collector->open_field_line = collector->line;
  collector->previous_terminator = 0;
}

void stagecast_collect_end_of_record(int terminator, void *context) {
  stagecast_collector *collector = context;
  stagecast_records *records = collector->records;
  if (collector->failure != STAGECAST_COLLECTOR_OK) return;

  size_t field_count = records->span_count - collector->record_first_span;
  int is_blank = field_count == 0;
  /* With CSV_REPALL_NL the LF of a CRLF pair arrives as an empty record. */
  int is_second_half_of_crlf =
      is_blank && terminator == '\n' && collector->previous_terminator == '\r';
  if (is_blank && !is_second_half_of_crlf && terminator != -1) {
    collector->saw_blank_line = 1;
  }
  if (!is_blank) {
    if (!grow((void **)&records->records, &records->record_capacity, records->record_count + 1,
              sizeof(stagecast_record))) {
      collector->failure = STAGECAST_COLLECTOR_OUT_OF_MEMORY;
      return;
    }
    records->records[records->record_count++] = (stagecast_record){
        .first_span = (uint32_t)collector->record_first_span,
        .field_count = (uint32_t)field_count,
        .line = collector->record_line,
        .last_line = collector->line,
        .follows_blank_line = collector->saw_blank_line,
    };
    collector->saw_blank_line = 0;
  }

  if ((terminator == '\n' || terminator == '\r') && !is_second_half_of_crlf) {
    collector->line += 1;
  }
  collector->previous_terminator = is_second_half_of_crlf ? 0 : terminator;
  collector->record_first_span = records->span_count;
  collector->record_first_byte = records->byte_count;
  collector->record_line = collector->line;
  collector->open_field_line = collector->line;
}

int32_t stagecast_collector_switch(stagecast_collector *collector, stagecast_records *next) {
  stagecast_records *current = collector->records;
  stagecast_records_clear(next);

  size_t open_spans = current->span_count - collector->record_first_span;
  size_t open_bytes = current->byte_count - collector->record_first_byte;
  if (!grow((void **)&next->bytes, &next->byte_capacity, open_bytes, 1) ||
      !grow((void **)&next->spans, &next->span_capacity, open_spans, sizeof(stagecast_span))) {
    collector->failure = STAGECAST_COLLECTOR_OUT_OF_MEMORY;
    return collector->failure;
  }
  if (open_bytes > 0) {
    memcpy(next->bytes, current->bytes + collector->record_first_byte, open_bytes);
  }
  uint32_t shift = (uint32_t)collector->record_first_byte;
  for (size_t index = 0; index < open_spans; index++) {
    stagecast_span span = current->spans[collector->record_first_span + index];
    next->spans[index] = (stagecast_span){span.start - shift, span.end - shift};
  }
  next->byte_count = open_bytes;
  next->span_count = open_spans;

  collector->records = next;
  collector->record_first_span = 0;
  collector->record_first_byte = 0;
  return collector->failure;
}

void stagecast_records_clear(stagecast_records *records) {
  records->byte_count = 0;
  records->span_count = 0;
  records->record_count = 0;
}

void stagecast_records_free(stagecast_records *records) {
  free(records->bytes);
  free(records->spans);
  free(records->records);
  memset(records, 0, sizeof *records);
}

static int is_space_or_control(unsigned char byte) {
  return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D);
}

/* Returns the UTF-8 width of a Unicode white-space character or byte-order mark
   starting with these bytes, 0 for anything else. */
static size_t unicode_space_width(unsigned char first, unsigned char second, unsigned char third) {
  switch (first << 8 | second) {
  case 0xC285:
  case 0xC2A0:
    return 2;
  case 0xE19A:
    return third == 0x80 ? 3 : 0;
  case 0xE280:
    return (third >= 0x80 && third <= 0x8A) || third == 0xA8 || third == 0xA9 || third == 0xAF
               ? 3
               : 0;
  case 0xE281:
    return third == 0x9F ? 3 : 0;
  case 0xE380:
    return third == 0x80 ? 3 : 0;
  case 0xEFBB:
    return third == 0xBF ? 3 : 0;
  default:
    return 0;
  }
}

static size_t space_width(const unsigned char *bytes, size_t count, size_t index) {
  unsigned char byte = bytes[index];
  if (is_space_or_control(byte)) return 1;
  if (byte < 0xC2) return 0;
  size_t rest = count - index;
  unsigned char second = rest > 1 ? bytes[index + 1] : 0;
  unsigned char third = rest > 2 ? bytes[index + 2] : 0;
  return unicode_space_width(byte, second, third);
}

static size_t space_width_ending(const unsigned char *bytes, size_t end, size_t start) {
  unsigned char last = bytes[end - 1];
  if (is_space_or_control(last)) return 1;
  if (last < 0x80) return 0;
  for (size_t width = 2; width <= 3; width++) {
    if (end < start + width) break;
    unsigned char first = bytes[end - width];
    unsigned char second = bytes[end - width + 1];
    unsigned char third = width == 3 ? bytes[end - 1] : 0;
    if (unicode_space_width(first, second, third) == width) return width;
  }
  return 0;
}

stagecast_span stagecast_trimmed_span(const unsigned char *bytes, size_t count) {
  return trimmed_span(bytes, count);
}

static stagecast_span trimmed_span_slowly(const unsigned char *bytes, size_t count) {
  size_t start = 0;
  size_t end = count;
  while (start < end) {
    size_t width = space_width(bytes, count, start);
    if (width == 0) break;
    start += width;
  }
  while (end > start) {
    size_t width = space_width_ending(bytes, end, start);
    if (width == 0) break;
    end -= width;
  }
  return (stagecast_span){(uint32_t)start, (uint32_t)end};
}

size_t stagecast_count_line_breaks(const unsigned char *bytes, size_t count) {
  return has_control_byte(bytes, count) ? count_line_breaks(bytes, count) : 0;
}

size_t stagecast_count_line_feeds(const unsigned char *bytes, size_t count) {
  size_t total = 0;
  size_t index = 0;
#if defined(__SSE2__)
  /* Sixteen bytes a step, each lane counting its matches in one byte: a
     run of at most 255 steps cannot overflow it. */
  const __m128i feed = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  while (count - index >= 16) {
    size_t steps = (count - index) / 16;
    if (steps > 255) steps = 255;
    __m128i counts = zero;
    for (size_t step = 0; step < steps; step++, index += 16) {
      __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(block, feed));
    }
    __m128i sums = _mm_sad_epu8(counts, zero);
    total += (size_t)_mm_cvtsi128_si64(sums) + (size_t)_mm_extract_epi16(sums, 4);
  }
#endif
  for (; index < count; index++) {
    total += bytes[index] == '\n';
  }
  return total;
}
