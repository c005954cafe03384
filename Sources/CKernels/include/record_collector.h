#ifndef STAGECAST_RECORD_COLLECTOR_H
#define STAGECAST_RECORD_COLLECTOR_H

#include <stddef.h>
#include <stdint.h>

/* The receiving end of libcsv's callbacks: each field's bytes copied into
   one growing block, its trimmed span, and each record's fields and
   physical lines.

   Written in C because libcsv calls back once for every field, twenty-five
   million times for the million-deal benchmark: collecting the fields in
   Swift cost as much as libcsv's own parsing. */

/* A field's trimmed bytes, as offsets into the block of bytes. */
typedef struct {
  uint32_t start;
  uint32_t end;
} stagecast_span;

typedef struct {
  /* Index of the record's first span. */
  uint32_t first_span;
  uint32_t field_count;
  /* Physical lines (1-based) where the record starts and ends. They differ
     when a quoted field contains line breaks. */
  int64_t line;
  int64_t last_line;
  /* Whether a blank line comes right before the record, as before a report footer. */
  int32_t follows_blank_line;
} stagecast_record;

/* Records and their fields, in blocks that grow and are reused. */
typedef struct {
  unsigned char *bytes;
  size_t byte_count, byte_capacity;
  stagecast_span *spans;
  size_t span_count, span_capacity;
  stagecast_record *records;
  size_t record_count, record_capacity;
} stagecast_records;

enum {
  STAGECAST_COLLECTOR_OK = 0,
  STAGECAST_COLLECTOR_OUT_OF_MEMORY = 1,
  /* A block over 4 GiB, which only a record about that large can make. */
  STAGECAST_COLLECTOR_TOO_BIG = 2,
  /* A field with bytes that are not GB18030, or not UTF-8 when checked. */
  STAGECAST_COLLECTOR_INVALID_ENCODING = 3,
};

/* What decodes GB18030 fields into UTF-8 as they are collected.

   libcsv reads GB18030 as it is: the bytes of a two- or four-byte character
   are never a comma, semicolon, tab, quote, CR or LF, so fields and records
   end where they would in the decoded text. Decoding field by field spares
   a pass over the whole file, and libcsv parses a Chinese character's two
   bytes instead of its three in UTF-8. */
typedef struct {
  /* 126 × 191 entries, by (lead − 0x81) × 191 + (trail − 0x40): the
     character's UTF-8 bytes in the low three bytes, their count in the top
     byte, 0 for a code the table leaves to iconv. */
  const uint32_t *two_byte_characters;
  /* An iconv_t from GB18030 to UTF-8, for four-byte characters and for
     bytes the table does not hold; used by one thread at a time. */
  void *iconv;
} stagecast_gb18030;

typedef struct {
  /* The block that receives the next fields. */
  stagecast_records *records;
  /* Decodes fields read from GB18030, or NULL when libcsv reads UTF-8. */
  const stagecast_gb18030 *gb18030;
  /* Whether each field with a byte above 0x7F is checked to be UTF-8: for
     UTF-8 input, where iconv has not already checked it. */
  int32_t checks_utf8;
  /* Physical line the parser has reached (1-based). */
  int64_t line;
  /* Line where the field now being read began, for an unterminated quote. */
  int64_t open_field_line;
  /* The open record: its first line, first span and first byte. */
  int64_t record_line;
  size_t record_first_span;
  size_t record_first_byte;
  int32_t previous_terminator;
  int32_t saw_blank_line;
  int32_t failure;
} stagecast_collector;

/* Starts collecting into `records` at line 1. */
void stagecast_collector_init(stagecast_collector *collector, stagecast_records *records);

/* Receives one field from libcsv (its cb1). `collector` is the stagecast_collector. */
void stagecast_collect_field(void *bytes, size_t count, void *collector);

/* Receives the end of a record from libcsv (its cb2). `terminator` is CR, LF, or -1
   at the end of the input. */
void stagecast_collect_end_of_record(int terminator, void *collector);

/* Empties `next`, moves the fields of the record still open into it and
   collects into it from now on. The records already complete stay where
   they are. Returns a STAGECAST_COLLECTOR_ code. */
int32_t stagecast_collector_switch(stagecast_collector *collector, stagecast_records *next);

/* Empties `records`, keeping its blocks. */
void stagecast_records_clear(stagecast_records *records);

/* Frees the blocks of `records`. */
void stagecast_records_free(stagecast_records *records);

/* Returns the span of `bytes` without the white space around it: ASCII space and
   control spaces, the no-break space, the ideographic space U+3000 that
   Chinese input methods leave, other Unicode spaces and a stray byte-order
   mark. Offsets are relative to `bytes`. */
stagecast_span stagecast_trimmed_span(const unsigned char *bytes, size_t count);

/* Returns the offset of the first sequence in `bytes` that is not UTF-8
   (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF; a
   sequence cut at the end counts), or `count` when there is none.

   A field is checked whole: no byte of a UTF-8 sequence is a delimiter,
   quote, CR or LF, so in a valid file no sequence spans two fields.
   Checking only the fields with a byte above 0x7F, one at a time, spares
   a pass over the file, and the branch at every switch between ASCII and
   other text that a pass over the whole stream takes. */
size_t stagecast_utf8_invalid_offset(const unsigned char *bytes, size_t count);

/* Counts the line breaks in a field: LF, CRLF and a lone CR each count once. */
size_t stagecast_count_line_breaks(const unsigned char *bytes, size_t count);

/* Counts the LF bytes in `bytes`, sixteen at a time where the processor
   has SSE2. A `memchr` call per line, on an export's short lines, spent
   more time in calls than in comparing. */
size_t stagecast_count_line_feeds(const unsigned char *bytes, size_t count);

#endif
