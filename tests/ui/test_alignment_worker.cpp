// The window's alignment runs in a worker process (tingdu-cli align-worker), so the window's own
// memory stays what playing needs: the first alignment and the re-alignments around anchors give
// what aligning in the window gives, the worker stops with the episode, and when it can't give a
// result the listener is told why.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "alignment_worker.h"
#include "app_log.h"
#include "ui_fixtures.h"

using namespace tingdu;

namespace {

// Conversations of real recorded voices (make_conversation), made once per folder.
std::filesystem::path conversation(const std::string& name, int minutes) {
  const auto dir = test::ui_temp_dir() / name;
  if (std::filesystem::exists(dir / "conversation.flac")) return dir;
  const std::string sounds = "/usr/share/asterisk/sounds";
  std::string cmd = std::string(TINGDU_MAKE_CONVERSATION) + " --out " + dir.string() + " --voice Allison=" + sounds +
                    "/en_US_f_Allison --voice Carlo=" + sounds + "/it_IT_m_Carlo --minutes " + std::to_string(minutes) +
                    " --chapter-min 1 --chapter-max 2 --seed 61 --format flac >/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  return dir;
}

// This process's children running `tingdu-cli align-worker` (from /proc).
std::vector<pid_t> align_workers() {
  std::vector<pid_t> found;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    int ppid = 0;
    if (std::sscanf(line.c_str() + close + 2, "%c %d", &state, &ppid) != 2 || ppid != getpid()) continue;
    std::ifstream cmd(entry.path() / "cmdline");
    std::string args((std::istreambuf_iterator<char>(cmd)), {});
    if (args.find("align-worker") != std::string::npos) found.push_back(pid_t(std::stoi(name)));
  }
  return found;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  return {(std::istreambuf_iterator<char>(in)), {}};
}

// Opens the conversation in `dir` with a fresh state folder and waits for its alignment: in a
// worker process (tingdu-cli's path), or in this process when `worker` is "".
void open_aligned(ui::Session& session, const std::filesystem::path& dir, const std::string& state, const std::string& worker) {
  std::filesystem::remove_all(dir / state);
  setenv("XDG_STATE_HOME", (dir / state).c_str(), 1);
  session.set_alignment_worker(worker);
  REQUIRE(session.open((dir / "conversation.md").string(), (dir / "conversation.flac").string()).empty());
  REQUIRE(test::wait_until(session, [&] { return session.alignment().has_value(); }, 180));
}

// Every turn placed by both, and in the same place to the millisecond; returns how many are.
std::size_t check_same_turns(const sync::AlignmentResult& worker, const sync::AlignmentResult& here) {
  REQUIRE(worker.turns.size() == here.turns.size());
  std::size_t aligned = 0;
  for (std::size_t k = 0; k < here.turns.size(); ++k) {
    REQUIRE(worker.turns[k].has_value() == here.turns[k].has_value());
    if (!here.turns[k]) continue;
    ++aligned;
    CHECK(worker.turns[k]->start == Approx(here.turns[k]->start).margin(0.001));
    CHECK(worker.turns[k]->end == Approx(here.turns[k]->end).margin(0.001));
  }
  return aligned;
}

}  // namespace

TEST_CASE("alignment worker: the first alignment runs in a process of its own and gives what aligning here gives",
          "[ui][align][worker]") {
  const auto dir = conversation("worker-conversation", 3);
  app::start_log(dir / "tingdu.log", false);

  auto align = [&](const std::string& state, const std::string& worker) {
    ui::Session session;
    open_aligned(session, dir, state, worker);
    auto result = *session.alignment();
    session.close();
    return result;
  };
  const auto here = align("state-here", "");
  const auto worker = align("state-worker", TINGDU_CLI);
  CHECK(read_file(dir / "tingdu.log").find("alignment: aligned in a worker process") != std::string::npos);
  CHECK(check_same_turns(worker, here) > here.turns.size() / 2);
  CHECK(worker.untranscribed.size() == here.untranscribed.size());
  CHECK(worker.aligned == here.aligned);
}

TEST_CASE("alignment worker: anchors re-align in the worker process, as they do here, and it ends with the episode",
          "[ui][align][worker]") {
  const auto dir = conversation("worker-conversation", 3);
  app::start_log(dir / "tingdu.log", false);

  // The listener opens the episode, waits for the alignment, and anchors two turns a little
  // after where they were placed, one after the other.
  auto anchored = [&](const std::string& state, const std::string& worker) {
    ui::Session session;
    open_aligned(session, dir, state, worker);
    const std::size_t n = session.timeline().turns().size();
    std::vector<sync::AlignmentResult> results;
    for (std::size_t turn : {n / 3, 2 * n / 3}) {
      session.anchor_turn(turn, session.timeline().turns()[turn].start + 0.4);
      REQUIRE(test::wait_until(session, [&] { return session.last_message().rfind("aligned to the audio", 0) == 0; }, 180));
      results.push_back(*session.alignment());
    }
    // The worker stays for the next anchor while the episode is open, and goes with it.
    CHECK(align_workers().size() == (worker.empty() ? 0u : 1u));
    session.close();
    CHECK(align_workers().empty());
    return results;
  };
  const auto here = anchored("state-anchor-here", "");
  const auto worker = anchored("state-anchor-worker", TINGDU_CLI);
  CHECK(read_file(dir / "tingdu.log").find("alignment: re-aligned around the anchor in a worker process") != std::string::npos);
  REQUIRE(worker.size() == here.size());
  for (std::size_t r = 0; r < here.size(); ++r) {
    INFO("after anchor " << r + 1);
    check_same_turns(worker[r], here[r]);
  }
}

TEST_CASE("alignment worker: after a tap, quitting and reopening takes the kept alignment", "[ui][align][worker]") {
  const auto dir = conversation("worker-conversation", 3);
  app::start_log(dir / "tingdu.log", false);
  auto aligned_in_worker = [&] {  // how often the log says a whole alignment ran in a worker
    const std::string log = read_file(dir / "tingdu.log"), said = "alignment: aligned in a worker process";
    std::size_t n = 0;
    for (auto at = log.find(said); at != std::string::npos; at = log.find(said, at + 1)) ++n;
    return n;
  };
  sync::AlignmentResult anchored;
  {
    ui::Session session;
    open_aligned(session, dir, "state-reopen", TINGDU_CLI);
    // A tap lands between milliseconds; the anchors file keeps milliseconds.
    const std::size_t turn = session.timeline().turns().size() / 2;
    session.anchor_turn(turn, session.timeline().turns()[turn].start + 0.4003127);
    REQUIRE(test::wait_until(session, [&] { return session.last_message().rfind("aligned to the audio", 0) == 0; }, 180));
    anchored = *session.alignment();
    session.close();
  }
  const std::size_t before = aligned_in_worker();
  ui::Session again;
  again.set_alignment_worker(TINGDU_CLI);
  REQUIRE(again.open((dir / "conversation.md").string(), (dir / "conversation.flac").string()).empty());
  REQUIRE(test::wait_until(again, [&] { return again.alignment().has_value(); }, 180));
  CHECK(aligned_in_worker() == before);  // nothing aligned again
  CHECK(align_workers().empty());
  check_same_turns(*again.alignment(), anchored);
}

TEST_CASE("alignment worker: closing the episode while it aligns stops the worker, and nothing is left running",
          "[ui][align][worker]") {
  const auto dir = conversation("worker-long-conversation", 12);
  std::filesystem::remove_all(dir / "state");
  setenv("XDG_STATE_HOME", (dir / "state").c_str(), 1);
  ui::Session session;
  session.set_alignment_worker(TINGDU_CLI);
  REQUIRE(session.open((dir / "conversation.md").string(), (dir / "conversation.flac").string()).empty());
  // It is under way in its worker: the analysis reported progress.
  REQUIRE(test::wait_until(session, [&] { return session.alignment_progress().share > 0.05; }, 120));
  CHECK(align_workers().size() == 1);
  CHECK_FALSE(session.alignment().has_value());
  session.close();  // the listener opens another episode or quits
  CHECK(align_workers().empty());
  // Nothing was kept half done: the next start aligns again (here, quickly, in this process).
  ui::Session again;
  REQUIRE(again.open((dir / "conversation.md").string(), (dir / "conversation.flac").string()).empty());
  REQUIRE(test::wait_until(again, [&] { return again.alignment().has_value(); }, 180));
  CHECK(again.alignment()->aligned > 0);
}

TEST_CASE("alignment worker: a file it can't read, or no worker to run, says why", "[ui][align][worker]") {
  const auto dir = test::ui_temp_dir() / "worker-errors";
  std::filesystem::create_directories(dir);
  setenv("XDG_STATE_HOME", (dir / "state").c_str(), 1);
  const std::string bytes = "**0:00 - 开场**\n\n**甲:** 你好。\n";
  const auto missing = (dir / "missing.mp3").string();
  std::atomic<bool> cancel{false};

  app::AlignmentWorker unreadable(TINGDU_CLI, "ep.md", bytes, missing);
  app::WorkerOutcome w = unreadable.align({}, {}, &cancel);
  CHECK(w.kind == app::WorkerOutcome::Kind::failed);
  CHECK(w.message.find(missing) != std::string::npos);
  CHECK_FALSE(unreadable.running());  // what failed would fail again: it is stopped

  // A transcript none of whose lines can be read: the worker names the line.
  app::AlignmentWorker garbled(TINGDU_CLI, "ep.srt", "1\nnot a time\n", missing);
  w = garbled.realign({{0, 1.0}}, {0}, {}, &cancel);
  CHECK(w.kind == app::WorkerOutcome::Kind::failed);
  CHECK(w.message.find("ep.srt") != std::string::npos);

  app::AlignmentWorker absent((dir / "no-such-cli").string(), "ep.md", bytes, missing);
  w = absent.align({}, {}, &cancel);
  CHECK(w.kind == app::WorkerOutcome::Kind::unavailable);
  CHECK(w.message.find("no-such-cli") != std::string::npos);
  CHECK(align_workers().empty());
}
