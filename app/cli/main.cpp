// tingdu-cli: Tingdu's command-line front end. Works without a display: checks and converts
// transcripts, shows when each chapter and turn is spoken, takes the listener's anchors, and lists
// and downloads podcast feeds' episodes.
#include <iostream>
#include <string_view>

#include "app_log.h"
#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Tingdu (听读) command-line tool: check and convert podcast transcripts"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("tingdu-cli ") + TINGDU_VERSION);
  // Whatever a subcommand does, FFmpeg's lines go to the log, not raw onto the terminal. The log
  // starts before parsing (subcommands run inside parse()), so the flag is looked for by hand.
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Print the log (FFmpeg's own messages too) on stderr");
  for (int i = 1; i < argc; ++i) verbose |= std::string_view(argv[i]) == "-v" || std::string_view(argv[i]) == "--verbose";
  tingdu::app::start_log({}, verbose);
  int exit_code = 0;
  tingdu::cli::add_check(app, exit_code);
  tingdu::cli::add_export(app, exit_code);
  tingdu::cli::add_timeline(app, exit_code);
  tingdu::cli::add_at(app, exit_code);
  tingdu::cli::add_anchor(app, exit_code);
  tingdu::cli::add_play(app, exit_code);
  tingdu::cli::add_narrate(app, exit_code);
  tingdu::cli::add_accuracy(app, exit_code);
  tingdu::cli::add_align(app, exit_code);
  tingdu::cli::add_align_worker(app, exit_code);
  tingdu::cli::add_search(app, exit_code);
  tingdu::cli::add_feed(app, exit_code);
  tingdu::cli::add_fetch(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
