// The window's panels over the panes: search (Ctrl+F), go to a time (Ctrl+G) and the keys
// (F1). While search or go-to-time is open, keys go to its text field, never to shortcuts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sync/search.h"
#include "view_context.h"

namespace tingdu::ui {

// What F1 lists, also the README's key table: {keys, what they do}.
extern const char* const kKeyHelp[][2];
extern const std::size_t kKeyHelpRows;

class Panels {
 public:
  void draw(const ViewContext& ctx);

  void open_search();
  void open_goto();
  void toggle_help() { help_open_ = !help_open_; }
  // Closes whatever panel is open; false when none was.
  bool close();

  bool search_open() const { return search_open_; }
  bool goto_open() const { return goto_open_; }
  bool help_open() const { return help_open_; }
  // A panel with a text field is open: keys belong to it.
  bool text_field_open() const { return search_open_ || goto_open_; }
  const std::string& query() const { return query_; }
  // The result Enter went to last (index into the hits), if any.
  std::optional<std::size_t> current_hit() const { return current_hit_; }
  std::size_t hit_count() const { return hits_.size(); }

 private:
  void draw_search(const ViewContext& ctx);
  void draw_goto(const ViewContext& ctx);
  void draw_help(const ViewContext& ctx);
  // `activate`: as a click on the turn (plays it when "Click plays"), else only move there.
  void go_to_hit(const ViewContext& ctx, std::size_t i, bool activate);

  bool search_open_ = false, search_focus_ = false;
  std::string query_, last_query_;
  std::vector<sync::SearchHit> hits_;
  std::optional<std::size_t> current_hit_;
  bool goto_open_ = false, goto_focus_ = false;
  std::string goto_text_;
  bool help_open_ = false;
};

}  // namespace tingdu::ui
