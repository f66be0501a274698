// A transcript with one long answer, for tests that work a sentence at a time: one chapter, a
// short question, an answer of eight sentences, a short reply. The pattern audio has no speech,
// so its sentences keep their estimated times (a share of the turn by their units).
#pragma once

#include <fstream>
#include <string>

#include "listener_fixture.h"

namespace tingdu::test {

// Writes it as `name`.md in the temp folder and returns its path.
inline std::string write_long_turn(const std::string& name) {
  auto md = ui_temp_dir() / (name + ".md");
  std::ofstream f(md);
  f << "长回答\n\n## 视频脚本\n**0:00 - 开场**\n\n**甲:** 你怎么看这个问题？\n\n**乙:** ";
  const char* sentences[] = {"第一句话先说一个开头。", "第二句话讲一讲背景和原因。", "第三句话给出一个例子，说明情况。",
                             "第四句话是中间的一句。", "第五句话继续往下说明白。", "第六句话提出另一个角度来看。",
                             "第七句话快要结束了。", "第八句话作为最后的总结。"};
  for (const char* s : sentences) f << s;
  f << "\n\n**甲:** 明白了，谢谢。\n";
  return md.string();
}

// Waits for what runs after opening to finish (the exact seek index, the alignment, which finds
// no speech in the pattern): both rebuild the timeline, so tests read times after it.
inline void settle(Listener& l) {
  REQUIRE(wait_until(*l.session, [&] { return l.session->alignment().has_value() && !l.session->alignment_progress().busy; }, 90));
}

// The long turn's sentence `index` (0-based within the turn), as an index into sentences().
inline std::size_t sentence_of_long_turn(const ui::Session& s, std::uint32_t index) {
  return s.timeline().sentences_of(1).first + index;
}

// A run of silence in the output: `length` frames from output frame `at`.
struct Quiet {
  std::size_t at, length;
};
// The silences of at least `min_length` frames after output frame `from`, in order.
inline std::vector<Quiet> silences_after(const std::vector<int>& idx, std::size_t from, std::size_t min_length) {
  std::vector<Quiet> out;
  for (std::size_t i = from; i < idx.size();) {
    if (idx[i] != -1) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    while (i + n < idx.size() && idx[i + n] == -1) ++n;
    if (n >= min_length) out.push_back({i, n});
    i += n;
  }
  return out;
}

}  // namespace tingdu::test
