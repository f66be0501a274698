// Subscriptions as podcast apps exchange them: OPML 2.0, one <outline type="rss" xmlUrl="...">
// per feed, possibly inside folder outlines.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace tingdu::feeds {

struct Subscription {
  std::string title;    // the outline's text (or title) attribute
  std::string xml_url;  // the feed's address
  std::string html_url; // the show's web page; "" when none
  std::string folder;   // the enclosing outlines' names joined by "/"; "" at the top
};

struct OpmlResult {
  std::vector<Subscription> feeds;  // in document order, each xmlUrl once
  std::string error;                // "" on success; names `source`
  std::vector<std::string> notes;   // outlines left out and why
};

// Errors: not XML (with line and column), a root that is not <opml>, no <body>. An OPML with no
// feed outline is not an error (an empty subscription list), but gets a note.
OpmlResult parse_opml(std::string_view text, const std::string& source);

// The OPML 2.0 document for `feeds`, folders as nested outlines.
std::string opml_text(const std::vector<Subscription>& feeds, const std::string& title);

// Writes opml_text atomically (a temporary file in the same folder, then a rename): a crash
// leaves the old file or the new one. Returns "" on success, else a message naming the path.
std::string write_opml(const std::filesystem::path& path, const std::vector<Subscription>& feeds, const std::string& title);

}  // namespace tingdu::feeds
