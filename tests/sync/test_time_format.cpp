#include <catch2/catch.hpp>

#include "sync/time_format.h"

using namespace tingdu::sync;

TEST_CASE("parse_clock reads M:SS and H:MM:SS", "[time]") {
  CHECK(parse_clock("0:58") == Approx(58));
  CHECK(parse_clock("58:21") == Approx(3501));
  CHECK(parse_clock("1:05:44") == Approx(3944));
  CHECK(parse_clock("3:17:12") == Approx(11832));
  CHECK(parse_clock("75:30") == Approx(4530));  // minutes alone may pass 59
  CHECK(parse_clock("1:05:44.25") == Approx(3944.25));
}

TEST_CASE("parse_clock refuses what is not a time", "[time]") {
  for (const char* bad : {"", "99:99", "1:60:00", "5:3", "1::00", "a:00", "1:00:", ":30", "-1:00", " 1:00",
                          "1:00.", "1:00.1234", "99999999:00", "1000:00:01"})
    CHECK_FALSE(parse_clock(bad).has_value());
}

TEST_CASE("parse_time_argument takes seconds or clocks", "[time]") {
  CHECK(parse_time_argument("4210") == Approx(4210));
  CHECK(parse_time_argument("12.5") == Approx(12.5));
  CHECK(parse_time_argument("1:10:10") == Approx(4210));
  CHECK_FALSE(parse_time_argument("-3").has_value());
  CHECK_FALSE(parse_time_argument("1e400").has_value());
  CHECK_FALSE(parse_time_argument("nan").has_value());
  CHECK_FALSE(parse_time_argument("12s").has_value());
}

TEST_CASE("cue times in SRT and WebVTT form", "[time]") {
  CHECK(parse_cue_time("00:01:02,500") == Approx(62.5));
  CHECK(parse_cue_time("01:02.500") == Approx(62.5));
  CHECK(parse_cue_time("10:00:00.001") == Approx(36000.001));
  CHECK_FALSE(parse_cue_time("00:61:00,000").has_value());
  CHECK(format_cue_time(62.5, ',') == "00:01:02,500");
  CHECK(format_cue_time(3944.0004, '.') == "01:05:44.000");
  CHECK(format_cue_time(-1, '.') == "00:00:00.000");
}

TEST_CASE("format_clock switches to hours at an hour", "[time]") {
  CHECK(format_clock(0) == "0:00");
  CHECK(format_clock(58.9) == "0:58");
  CHECK(format_clock(3599) == "59:59");
  CHECK(format_clock(3600) == "1:00:00");
  CHECK(format_clock(11832) == "3:17:12");
}

TEST_CASE("format_clock_nearest: a start a hair before a second reads as that second", "[time]") {
  CHECK(format_clock_nearest(57.98) == "0:58");  // an aligned chapter start, 20 ms before its stamp
  CHECK(format_clock_nearest(58.49) == "0:58");
  CHECK(format_clock_nearest(3599.6) == "1:00:00");
  CHECK(format_clock_nearest(-0.4) == "0:00");
}

TEST_CASE("format_uncertainty never says ±0.0", "[time]") {
  CHECK(format_uncertainty(0) == "< 0.1 s");
  CHECK(format_uncertainty(0.049) == "< 0.1 s");
  CHECK(format_uncertainty(0.05) == "about \xC2\xB1" "0.1 s");
  CHECK(format_uncertainty(1.24) == "about \xC2\xB1" "1.2 s");
}
