#include "markup.h"

#include <algorithm>
#include <optional>

namespace tingdu::sync::markup {
namespace {

struct Tag {
  Markup::Style style;
  bool closing;
};

// "i", "/b", "u.class" (vtt) as a shared tag; nullopt for any other tag.
std::optional<Tag> shared_tag(std::string_view inside, Dialect dialect) {
  bool closing = inside.starts_with('/');
  if (closing) inside.remove_prefix(1);
  if (inside.empty()) return std::nullopt;
  char c = inside[0];
  if (dialect == Dialect::srt && c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  if (c != 'i' && c != 'b' && c != 'u') return std::nullopt;
  std::string_view rest = inside.substr(1);
  // WebVTT allows classes on an opening tag; SubRip writes the bare tag.
  if (!rest.empty() && !(dialect == Dialect::vtt && !closing && rest[0] == '.')) return std::nullopt;
  return Tag{Markup::Style(c), closing};
}

constexpr std::pair<std::string_view, std::string_view> kEntities[] = {
    {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"},
    {"&nbsp;", "\xC2\xA0"}, {"&lrm;", "\xE2\x80\x8E"}, {"&rlm;", "\xE2\x80\x8F"}};

void append_escaped(std::string& out, std::string_view s, Dialect dialect) {
  if (dialect == Dialect::srt) {
    out += s;
    return;
  }
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
}

}  // namespace

Marked parse(std::string_view raw, Dialect dialect) {
  Marked out;
  struct Open {
    Markup::Style style;
    std::uint32_t begin;
  };
  std::vector<Open> open;
  auto close = [&](std::size_t at) {
    if (open[at].begin < out.text.size())
      out.spans.push_back({open[at].begin, std::uint32_t(out.text.size()), open[at].style});
    open.erase(open.begin() + std::ptrdiff_t(at));
  };
  for (std::size_t i = 0; i < raw.size();) {
    if (raw[i] == '<') {
      std::size_t end = raw.find('>', i);
      if (end != std::string_view::npos) {
        std::string_view inside = raw.substr(i + 1, end - i - 1);
        if (auto tag = shared_tag(inside, dialect)) {
          if (!tag->closing) {
            open.push_back({tag->style, std::uint32_t(out.text.size())});
          } else {
            for (std::size_t k = open.size(); k-- > 0;)
              if (open[k].style == tag->style) {
                close(k);
                break;
              }
          }
          i = end + 1;
          continue;
        }
        if (dialect == Dialect::vtt) {
          i = end + 1;
          continue;
        }
      }
    } else if (raw[i] == '&' && dialect == Dialect::vtt) {
      auto entity = std::find_if(std::begin(kEntities), std::end(kEntities),
                                 [&](const auto& e) { return raw.substr(i).starts_with(e.first); });
      if (entity != std::end(kEntities)) {
        out.text += entity->second;
        i += entity->first.size();
        continue;
      }
    }
    out.text += raw[i++];
  }
  while (!open.empty()) close(open.size() - 1);
  std::stable_sort(out.spans.begin(), out.spans.end(), [](const Markup& a, const Markup& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return out;
}

Marked without_prefix(const Marked& m, std::size_t bytes) {
  Marked out{m.text.substr(std::min(bytes, m.text.size())), {}};
  for (const Markup& s : m.spans)
    if (s.end > bytes)
      out.spans.push_back({std::uint32_t(std::max<std::size_t>(s.begin, bytes) - bytes), std::uint32_t(s.end - bytes), s.style});
  return out;
}

std::string render(std::string_view text, const std::vector<Markup>& spans, Dialect dialect) {
  // Tag events at byte offsets: at one offset, spans close (the innermost, opened last, first)
  // before others open (the outermost, ending last, first), so that nested spans nest.
  struct Event {
    std::uint32_t at;
    bool opens;
    std::uint32_t other;  // close: the span's begin; open: its end
    char style;
  };
  std::vector<Event> events;
  for (const Markup& m : spans) {
    if (m.begin >= m.end || m.end > text.size()) continue;
    events.push_back({m.begin, true, m.end, char(m.style)});
    events.push_back({m.end, false, m.begin, char(m.style)});
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.at != b.at) return a.at < b.at;
    if (a.opens != b.opens) return !a.opens;
    return a.other > b.other;
  });
  std::string out;
  std::uint32_t done = 0;
  for (const Event& e : events) {
    append_escaped(out, text.substr(done, e.at - done), dialect);
    done = e.at;
    out += e.opens ? "<" : "</";
    out += e.style;
    out += '>';
  }
  append_escaped(out, text.substr(done), dialect);
  return out;
}

}  // namespace tingdu::sync::markup
