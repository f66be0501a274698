// tingdu-cli: Tingdu's command-line front end. Works without a display: checks and converts
// transcripts (and, as the other layers land, shows timelines and plays audio).
#include <iostream>

#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Tingdu (听读) command-line tool: check and convert podcast transcripts"};
  app.require_subcommand(1);
  int exit_code = 0;
  tingdu::cli::add_check(app, exit_code);
  tingdu::cli::add_export(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
