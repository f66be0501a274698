// Every character outside ASCII that the interface itself draws (not the episode's text), in
// one place: the font atlas is built from the episode's text plus kUiGlyphs, so a symbol used
// anywhere in app/ui must be named here or it draws as "?" (a test scans app/ui for them).
#pragma once

namespace tingdu::ui {

inline constexpr const char* kApprox = "\xE2\x89\x88";      // ≈  an estimated time
inline constexpr const char* kCheck = "\xE2\x9C\x93";       // ✓  a time the listener anchored
inline constexpr const char* kAligned = "\xE2\x97\x8F";     // ●  a time aligned to the audio
inline constexpr const char* kEllipsis = "\xE2\x80\xA6";    // …  text cut to fit
inline constexpr const char* kPlusMinus = "\xC2\xB1";       // ±  uncertainty
inline constexpr const char* kMiddleDot = "\xC2\xB7";       // ·  summary bullets
inline constexpr const char* kEmDash = "\xE2\x80\x94";      // —  a turn with no speaker
inline constexpr const char* kTimes = "\xC3\x97";           // ×  dismiss; "1.5×"
inline constexpr const char* kTingdu = "\xE5\x90\xAC\xE8\xAF\xBB";  // 听读

// All of the above, for the glyph ranges.
inline constexpr const char* kUiGlyphs =
    "\xE2\x89\x88\xE2\x9C\x93\xE2\x97\x8F\xE2\x80\xA6\xC2\xB1\xC2\xB7\xE2\x80\x94\xC3\x97\xE5\x90\xAC\xE8\xAF\xBB";

}  // namespace tingdu::ui
