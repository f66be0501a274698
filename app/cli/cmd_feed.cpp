// tingdu-cli feed FEED: a podcast feed's episodes, newest first (the numbers fetch takes);
// tingdu-cli feed --opml FILE: the feeds of a subscription list.
#include <cstdio>
#include <ctime>
#include <iostream>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "feed_options.h"
#include "feeds/opml.h"
#include "sync/time_format.h"

namespace tingdu::cli {
namespace {

// "2002-10-02" (UTC); "" when unknown.
std::string day(const std::optional<std::int64_t>& t) {
  if (!t) return "";
  std::time_t v = std::time_t(*t);
  std::tm tm{};
  gmtime_r(&v, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string iso(const std::optional<std::int64_t>& t) {
  if (!t) return "";
  std::time_t v = std::time_t(*t);
  std::tm tm{};
  gmtime_r(&v, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string types(const feeds::Episode& e) {
  std::string out;
  for (const auto& t : e.transcripts) {
    std::string n = transcript_short_name(t.type);
    if (out.find(n) == std::string::npos) out += (out.empty() ? "" : ",") + n;
  }
  return out.empty() ? "-" : out;
}

nlohmann::ordered_json episode_json(const feeds::Episode& e, std::size_t index) {
  auto opt = [](const auto& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr); };
  nlohmann::ordered_json transcripts = nlohmann::ordered_json::array();
  for (const auto& t : e.transcripts)
    transcripts.push_back({{"url", t.url}, {"type", t.type}, {"language", t.language}, {"rel", t.rel}});
  nlohmann::ordered_json enclosure = nullptr, chapters = nullptr;
  if (e.enclosure) enclosure = {{"url", e.enclosure->url}, {"type", e.enclosure->type}, {"length", opt(e.enclosure->length)}};
  if (e.chapters) chapters = {{"url", e.chapters->url}, {"type", e.chapters->type}};
  return {{"index", index},           {"title", e.title},           {"date", e.published ? nlohmann::ordered_json(iso(e.published)) : nullptr},
          {"date_text", e.date_text}, {"duration", opt(e.duration)}, {"guid", e.guid},
          {"enclosure", enclosure},   {"transcripts", transcripts}, {"chapters", chapters}};
}

int list_opml(const std::string& path, const std::string& format) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) {
    std::cerr << path << ": cannot read the file\n";
    return 1;
  }
  std::string text;
  char buf[65536];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, f)) text.append(buf, n);
  std::fclose(f);
  feeds::OpmlResult r = feeds::parse_opml(text, path);
  if (!r.error.empty()) {
    std::cerr << r.error << "\n";
    return 1;
  }
  for (const auto& n : r.notes) std::cerr << "note: " << n << "\n";
  if (format == "json") {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& s : r.feeds)
      out.push_back({{"title", s.title}, {"xml_url", s.xml_url}, {"html_url", s.html_url}, {"folder", s.folder}});
    std::cout << out.dump(2) << "\n";
  } else {
    for (const auto& s : r.feeds)
      std::cout << (s.folder.empty() ? "" : s.folder + "/") << (s.title.empty() ? "(untitled)" : s.title) << "\n  " << s.xml_url << "\n";
  }
  return 0;
}

}  // namespace

void add_feed(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("feed", "List a podcast feed's episodes, newest first (or an OPML file's feeds)");
  cmd->footer(
      "The numbers are the ones `tingdu-cli fetch FEED --episode N` takes. A feed at a URL is kept\n"
      "in $XDG_CACHE_HOME/tingdu/feeds and refreshed with ETag/Last-Modified. Exit status 1 when\n"
      "the feed can't be read (the reason on stderr); odd items are listed with a note on stderr.");
  auto o = std::make_shared<FeedOptions>();
  auto format = std::make_shared<std::string>("text");
  auto opml = std::make_shared<bool>(false);
  o->add_to(*cmd);
  cmd->add_flag("--opml", *opml, "FEED is an OPML subscription list: list its feeds");
  cmd->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([o, format, opml, &exit_code] {
    if (*opml) {
      exit_code = list_opml(o->where, *format);
      return;
    }
    auto feed = open_feed(*o);
    if (!feed) {
      exit_code = 1;
      return;
    }
    auto order = feeds::newest_first(*feed);
    if (*format == "json") {
      nlohmann::ordered_json episodes = nlohmann::ordered_json::array();
      for (std::size_t i = 0; i < order.size(); ++i) episodes.push_back(episode_json(feed->episodes[order[i]], i + 1));
      nlohmann::ordered_json out = {{"title", feed->title}, {"image", feed->image}, {"link", feed->link}, {"episodes", episodes}};
      std::cout << out.dump(2) << "\n";
      return;
    }
    std::cout << (feed->title.empty() ? "(untitled feed)" : feed->title) << ": " << order.size() << " episodes\n";
    std::printf("%5s  %-10s  %8s  %-14s  %-8s  %s\n", "#", "date", "duration", "transcript", "chapters", "title");
    for (std::size_t i = 0; i < order.size(); ++i) {
      const auto& e = feed->episodes[order[i]];
      std::string date = e.published ? day(e.published) : "-";
      std::string duration = e.duration ? sync::format_clock(*e.duration) : "-";
      std::string title = e.title.empty() ? "(untitled)" : e.title;
      if (!e.enclosure) title += "  [no audio]";
      std::printf("%5zu  %-10s  %8s  %-14s  %-8s  %s\n", i + 1, date.c_str(), duration.c_str(), types(e).c_str(),
                  e.chapters ? "yes" : "no", title.c_str());
    }
  });
}

}  // namespace tingdu::cli
