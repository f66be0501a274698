#include "status_messages.h"

#include <algorithm>

namespace tingdu::ui {

void StatusMessages::say(std::string message) {
  last_ = message;
  last_time_ = std::chrono::steady_clock::now();
  pending_.push_back(std::move(message));
}

void StatusMessages::report_error(std::string message) {
  say(message);
  if (std::find(errors_.begin(), errors_.end(), message) == errors_.end()) errors_.push_back(std::move(message));
}

void StatusMessages::dismiss_error(std::size_t i) {
  if (i < errors_.size()) errors_.erase(errors_.begin() + std::ptrdiff_t(i));
}

std::string StatusMessages::recent() const {
  auto age = std::chrono::duration<double>(std::chrono::steady_clock::now() - last_time_).count();
  return age < kMessageSeconds ? last_ : std::string();
}

}  // namespace tingdu::ui
