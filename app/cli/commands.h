// The tingdu-cli subcommands. Each add_* registers one subcommand on the app; its callback
// stores the exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace tingdu::cli {

void add_check(CLI::App& app, int& exit_code);
void add_export(CLI::App& app, int& exit_code);
void add_timeline(CLI::App& app, int& exit_code);
void add_at(CLI::App& app, int& exit_code);
void add_anchor(CLI::App& app, int& exit_code);
void add_play(CLI::App& app, int& exit_code);
void add_narrate(CLI::App& app, int& exit_code);
void add_accuracy(CLI::App& app, int& exit_code);
void add_align(CLI::App& app, int& exit_code);
void add_align_worker(CLI::App& app, int& exit_code);  // the window's (alignment_worker.h); not listed in --help
void add_search(CLI::App& app, int& exit_code);
void add_feed(CLI::App& app, int& exit_code);
void add_fetch(CLI::App& app, int& exit_code);

}  // namespace tingdu::cli
