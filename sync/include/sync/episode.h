// The transcript model: what Tingdu knows about one episode, whatever format it came from.
// Text is valid UTF-8 everywhere. Times are seconds from the start of the audio.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tingdu::sync {

// One entry of an indented tree (outline subtopics, summary bullets), kept flat: depth 0 is a
// direct child of its owner, depth 1 a child of the entry before it with depth 0, and so on.
// Flat so that hostile nesting costs no recursion.
struct TreeEntry {
  int depth = 0;
  std::string text;
};

struct Chapter {
  double start = 0;                  // seconds; the outline's time when there is an outline
  std::optional<double> end;         // seconds, only when the source gives it (JSON chapters)
  std::string title;
  std::vector<TreeEntry> subtopics;  // from the outline's tree
  std::vector<TreeEntry> summary;    // from the summary section's bullets
  int line = 0;                      // where the chapter was first defined (1-based; 0: unknown)
};

enum class BlockKind {
  chapter_header,  // the transcript says "chapter `chapter` starts here"
  turn,            // one speaker's uninterrupted speech
  note,            // text with no speaker (a translator's note, a description)
};

// Styling a subtitle cue carries, over [begin, end) byte offsets of its block's text: the
// <i>, <b> and <u> that SRT and WebVTT share. Kept apart from the text so that everything
// that shows, searches or times the text sees it plain, and the subtitle writers put it back.
struct Markup {
  enum Style : char { italic = 'i', bold = 'b', underline = 'u' };
  std::uint32_t begin = 0, end = 0;
  Style style = italic;
  bool operator==(const Markup&) const = default;
};

// One element of the transcript, in reading order.
struct Block {
  BlockKind kind = BlockKind::turn;
  std::size_t chapter = 0;     // chapter_header only: index into Episode::chapters
  std::string speaker;         // turn only; may be empty when the source names no speaker
  std::string text;            // turn and note; lines inside one turn are joined with '\n'
  std::optional<double> start; // turn only: when the source gives a time
  std::optional<double> end;   // turn only: when the source gives a time
  int line = 0;                // 1-based line in the source where the block begins
  std::vector<Markup> markup = {};  // turn only: styled spans of `text`, ordered by begin (SRT, WebVTT)
};

struct Metadata {
  std::string title;
  std::string source_title;  // the original (untranslated) title
  std::string link;
  std::string category;
  std::vector<TreeEntry> overview;             // a topic tree with no times (the bundled episode has one)
  std::vector<std::string> tags;               // "#人工智能" lines, without the '#'
  std::map<std::string, std::string> extra;    // any other "key: value" metadata, as given
};

struct Episode {
  Metadata meta;
  std::vector<Chapter> chapters;  // sorted by start
  std::vector<Block> blocks;

  // Number of blocks of kind turn; "turn k" everywhere means the k-th such block (0-based).
  std::size_t turn_count() const;
  // Block indices of the turns, in order: turn_blocks()[k] is turn k's block.
  std::vector<std::size_t> turn_blocks() const;
  // The speakers in order of first appearance.
  std::vector<std::string> speakers() const;
};

}  // namespace tingdu::sync
