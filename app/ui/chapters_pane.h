// The window's left pane: the episode's title, its chapters (the current one highlighted with
// its progress; a click goes there), and the current chapter's subtopics and summary.
#pragma once

#include <optional>
#include <string>

#include "view_context.h"

namespace tingdu::ui {

class ChaptersPane {
 public:
  // Draws into the current child window. Sets `recent_request` when a transcript is picked
  // from the Recent menu.
  void draw(const ViewContext& ctx, std::optional<std::string>& recent_request, bool close_popups);

 private:
  std::optional<std::size_t> shown_chapter_;  // the chapter the list last scrolled to
};

// The Recent menu (a button and its popup): sets `request` to the transcript picked.
void draw_recent_menu(const ViewContext& ctx, std::optional<std::string>& request, bool close_popups);

}  // namespace tingdu::ui
