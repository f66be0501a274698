#include "chapter_merge.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "sync/time_format.h"

namespace tingdu::sync {
namespace {

std::optional<std::size_t> find_chapter(const std::vector<Chapter>& chapters, double time) {
  for (std::size_t i = 0; i < chapters.size(); ++i)
    if (std::abs(chapters[i].start - time) < kSameChapterSeconds) return i;
  return std::nullopt;
}

std::string describe(double time, const std::string& title) {
  return format_clock(time) + " " + title;
}

// Sorts drafts by time (warning when they were not), and drops exact repeats with a warning.
void sort_drafts(std::vector<ChapterDraft>& drafts, const char* where, DiagnosticSink& sink) {
  for (std::size_t i = 1; i < drafts.size(); ++i) {
    if (drafts[i].time < drafts[i - 1].time) {
      sink.warning(drafts[i].line, 0,
                   std::string("the ") + where + " lists " + describe(drafts[i].time, drafts[i].title) +
                       " after " + format_clock(drafts[i - 1].time) + "; expected times in order, sorted them");
      break;
    }
  }
  std::stable_sort(drafts.begin(), drafts.end(),
                   [](const ChapterDraft& a, const ChapterDraft& b) { return a.time < b.time; });
  std::vector<ChapterDraft> unique;
  for (auto& d : drafts) {
    if (!unique.empty() && std::abs(unique.back().time - d.time) < kSameChapterSeconds) {
      sink.warning(d.line, 0, std::string("the ") + where + " has a second chapter at " +
                                  format_clock(d.time) + "; kept the first");
      continue;
    }
    unique.push_back(std::move(d));
  }
  drafts = std::move(unique);
}

}  // namespace

void merge_chapters(std::vector<ChapterDraft> outline, std::vector<ChapterDraft> summary,
                    const std::vector<HeaderDraft>& headers, Episode& episode, DiagnosticSink& sink,
                    bool expect_headings) {
  sort_drafts(outline, "outline", sink);
  sort_drafts(summary, "summary", sink);

  std::vector<ChapterDraft> base;
  if (!outline.empty()) base = outline;
  else if (!summary.empty()) base = summary;
  else
    for (const HeaderDraft& h : headers) base.push_back({h.time, h.title, h.line, {}, {}});
  if (outline.empty()) sort_drafts(base, "transcript", sink);
  for (auto& d : base) episode.chapters.push_back({d.time, std::nullopt, d.title, d.subtopics, {}, d.line});

  if (!outline.empty()) {
    for (auto& s : summary) {
      auto i = find_chapter(episode.chapters, s.time);
      if (!i) {
        sink.warning(s.line, 0, "the summary's chapter " + describe(s.time, s.title) +
                                    " is not in the outline; its bullets are not shown");
        continue;
      }
      if (episode.chapters[*i].title != s.title)
        sink.warning(s.line, 0, "the summary calls chapter " + format_clock(s.time) + " \"" +
                                    s.title + "\"; the outline calls it \"" +
                                    episode.chapters[*i].title + "\"");
    }
  }
  for (auto& s : summary)
    if (auto i = find_chapter(episode.chapters, s.time)) episode.chapters[*i].summary = std::move(s.summary);

  std::vector<bool> headed(episode.chapters.size(), false);
  std::optional<std::size_t> previous;
  for (const HeaderDraft& h : headers) {
    Block& block = episode.blocks[h.block];
    auto i = find_chapter(episode.chapters, h.time);
    if (!i || headed[*i]) {
      sink.warning(h.line, 0,
                   !i ? "the transcript heads a chapter at " + describe(h.time, h.title) +
                            " that the outline does not have; kept as a note"
                      : "the transcript heads chapter " + format_clock(h.time) +
                            " a second time; kept as a note");
      block.kind = BlockKind::note;
      block.text = describe(h.time, h.title);
      continue;
    }
    headed[*i] = true;
    block.chapter = *i;
    if (episode.chapters[*i].title != h.title)
      sink.warning(h.line, 0, "the transcript calls chapter " + format_clock(h.time) + " \"" + h.title +
                                  "\"; the outline calls it \"" + episode.chapters[*i].title + "\"");
    if (previous && *i < *previous)
      sink.warning(h.line, 0, "chapter " + describe(h.time, h.title) + " is headed after chapter " +
                                  describe(episode.chapters[*previous].start,
                                           episode.chapters[*previous].title) +
                                  "; expected the outline's order");
    previous = *i;
  }
  bool warn = expect_headings && !headers.empty() && episode.turn_count() > 0;
  for (std::size_t i = 0; i < episode.chapters.size() && warn; ++i)
    if (!headed[i])
      sink.warning(episode.chapters[i].line, 0,
                   "chapter " + describe(episode.chapters[i].start, episode.chapters[i].title) +
                       " has no heading in the transcript; its text sits inside the chapter before it");
}

}  // namespace tingdu::sync
