// Building an episode's chapter list from the places a text transcript names chapters: an
// outline, a summary, and headings inside the transcript (internal to sync/).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sync/diagnostic.h"
#include "sync/episode.h"

namespace tingdu::sync {

struct ChapterDraft {
  double time = 0;
  std::string title;
  int line = 0;
  std::vector<TreeEntry> subtopics;
  std::vector<TreeEntry> summary;
};

// A chapter_header block already in episode.blocks, whose chapter is not known yet.
struct HeaderDraft {
  std::size_t block = 0;
  double time = 0;
  std::string title;
  int line = 0;
};

// Two times closer than this name the same chapter (sources round differently).
inline constexpr double kSameChapterSeconds = 0.5;

// The chapter list comes from the outline when there is one (its times are the truth), else
// from the summary, else from the headings. Summaries attach to the chapter at their time.
// Each heading is linked to the chapter at its time; a heading that matches no chapter, or
// repeats one, becomes a note (nothing is lost) with a warning. Also warns about title
// mismatches, headings out of order, and (with expect_headings) chapters the transcript never
// heads.
void merge_chapters(std::vector<ChapterDraft> outline, std::vector<ChapterDraft> summary,
                    const std::vector<HeaderDraft>& headers, Episode& episode, DiagnosticSink& sink,
                    bool expect_headings = true);

}  // namespace tingdu::sync
