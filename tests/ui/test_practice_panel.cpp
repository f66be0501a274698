// The Practice menu and what the status line says about practice, as a listener meets them:
// Esc closes the menu, and the line says each setting (and a loop) once.
#include <catch2/catch.hpp>

#include <SDL_keycode.h>

#include <string>

#include "listener_fixture.h"

using namespace tingdu;
using test::Headless;
using test::Listener;

namespace {

bool any_popup_open() { return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel); }

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("listener: Esc closes the Practice menu, and a second Esc the loop", "[ui][listener][keys][practice]") {
  Listener l("practice-esc");
  Headless h(*l.session);
  l.session->loop_range(40, 50);
  h.frame(3);
  auto button = h.view.transport().button_rect("Practice");
  REQUIRE(button);
  h.click(ImVec2(button->x + button->z / 2, button->y + button->w / 2));
  h.frame();
  REQUIRE(any_popup_open());
  h.type(SDLK_ESCAPE);
  h.frame();
  CHECK_FALSE(any_popup_open());
  CHECK(l.session->loop());
  h.type(SDLK_ESCAPE);
  CHECK_FALSE(l.session->loop());
}

TEST_CASE("listener: the status line says each practice setting once", "[ui][listener][practice]") {
  Listener l("practice-status");
  Headless h(*l.session);
  h.type(SDLK_r);
  h.type(SDLK_r);  // 1 -> 2 -> 3
  REQUIRE(l.session->practice().repeat == 3);
  h.frame();
  const std::string& line = h.view.transport().status_line();
  INFO(line);
  CHECK(count(line, "each sentence 3 times") == 1);
  h.type(SDLK_v);
  h.frame();
  INFO(h.view.transport().status_line());
  CHECK(count(h.view.transport().status_line(), "listen first") == 1);
  CHECK(count(h.view.transport().status_line(), "each sentence 3 times") == 1);
}

TEST_CASE("listener: the status line says a loop just set once", "[ui][listener][loop]") {
  Listener l("loop-status");
  Headless h(*l.session);
  l.session->loop_range(40, 50);
  h.frame();
  INFO(h.view.transport().status_line());
  CHECK(count(h.view.transport().status_line(), "loop 0:40") == 1);
}
