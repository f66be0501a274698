#include "feeds/opml.h"

#include <pugixml.hpp>

#include <map>
#include <sstream>
#include <unordered_set>

#include "atomic_write.h"
#include "feed_values.h"
#include "feeds/url.h"
#include "xml_util.h"

namespace tingdu::feeds {
namespace {

struct Walker {
  OpmlResult& out;
  Notes notes;
  std::unordered_set<std::string> seen;

  void walk(const pugi::xml_node& parent, const std::string& folder) {
    for (const auto& o : parent.children("outline")) {
      std::string name = trim(o.attribute("text").value());
      if (name.empty()) name = trim(o.attribute("title").value());
      std::string url = trim(o.attribute("xmlUrl").value());
      std::string type = lower(trim(o.attribute("type").value()));
      if (url.empty()) {
        // An outline without a feed is a folder when it holds others.
        if (o.child("outline")) walk(o, folder.empty() ? name : folder + "/" + name);
        continue;
      }
      if (!type.empty() && type != "rss") {
        notes.add("outline \"" + name + "\": type \"" + type + "\" is not a feed (type=\"rss\"); left out");
        continue;
      }
      if (!is_http_url(url)) {
        notes.add("outline \"" + name + "\": xmlUrl \"" + url + "\" is not an http or https URL; left out");
        continue;
      }
      if (!seen.insert(url).second) continue;
      out.feeds.push_back({name, url, trim(o.attribute("htmlUrl").value()), folder});
    }
  }
};

}  // namespace

OpmlResult parse_opml(std::string_view text, const std::string& source) {
  OpmlResult result;
  const char* expected = "expected an OPML document (<opml><body><outline type=\"rss\" xmlUrl=...>)";
  pugi::xml_document doc;
  result.error = load_xml(doc, text, source, expected);
  if (!result.error.empty()) return result;
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "opml") {
    result.error = source + ": the document is <" + std::string(root.name()) + ">, not <opml>; " + expected;
    return result;
  }
  pugi::xml_node body = root.child("body");
  if (!body) {
    result.error = source + ": <opml> has no <body>; " + expected;
    return result;
  }
  Walker w{result, {}, {}};
  w.walk(body, "");
  if (result.feeds.empty()) w.notes.add(source + ": no feed outlines (type=\"rss\" with an xmlUrl)");
  result.notes = w.notes.take();
  return result;
}

std::string opml_text(const std::vector<Subscription>& feeds, const std::string& title) {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  auto opml = doc.append_child("opml");
  opml.append_attribute("version") = "2.0";
  opml.append_child("head").append_child("title").text() = title.c_str();
  auto body = opml.append_child("body");
  std::map<std::string, pugi::xml_node> folders;  // "a/b" -> its outline
  auto folder_node = [&](const std::string& path) {
    pugi::xml_node parent = body;
    std::string so_far;
    std::istringstream parts(path);
    for (std::string part; std::getline(parts, part, '/');) {
      so_far += (so_far.empty() ? "" : "/") + part;
      auto& n = folders[so_far];
      if (!n) {
        n = parent.append_child("outline");
        n.append_attribute("text") = part.c_str();
      }
      parent = n;
    }
    return parent;
  };
  for (const auto& f : feeds) {
    auto o = folder_node(f.folder).append_child("outline");
    o.append_attribute("type") = "rss";
    o.append_attribute("text") = f.title.c_str();
    o.append_attribute("xmlUrl") = f.xml_url.c_str();
    if (!f.html_url.empty()) o.append_attribute("htmlUrl") = f.html_url.c_str();
  }
  std::ostringstream s;
  doc.save(s, "  ", pugi::format_default, pugi::encoding_utf8);
  return s.str();
}

std::string write_opml(const std::filesystem::path& path, const std::vector<Subscription>& feeds, const std::string& title) {
  return write_atomically(path, opml_text(feeds, title));
}

}  // namespace tingdu::feeds
