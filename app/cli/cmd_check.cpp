// tingdu-cli check FILE: parse a transcript and summarize what was found.
#include <iostream>
#include <map>

#include "commands.h"
#include "load.h"

namespace tingdu::cli {

void add_check(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("check", "Parse a transcript and print a summary; exit 1 on errors");
  auto path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  cmd->add_option("FILE", *path, "Transcript file")->required();
  cmd->add_option("--input-format", *format, "Read as this format instead of detecting it");
  cmd->callback([path, format, &exit_code] {
    sync::ReadResult r = load_transcript(*path, *format);
    if (!r.ok()) {  // the errors are printed; a summary of what could not be read would mislead
      exit_code = 1;
      return;
    }
    const sync::Episode& ep = r.episode;
    std::map<std::string, int> per_speaker;
    std::size_t headed = 0, notes = 0, timed = 0;
    for (const auto& b : ep.blocks) {
      if (b.kind == sync::BlockKind::turn) {
        ++per_speaker[b.speaker];
        timed += b.start.has_value();
      }
      headed += b.kind == sync::BlockKind::chapter_header;
      notes += b.kind == sync::BlockKind::note;
    }
    std::size_t warnings = 0, errors = 0;
    for (const auto& d : r.diagnostics) (d.severity == sync::Severity::error ? errors : warnings)++;

    std::cout << *path << ": " << sync::format_name(r.format) << ", " << (r.encoding.empty() ? "-" : r.encoding) << "\n";
    if (!ep.meta.title.empty()) std::cout << "title:     " << ep.meta.title << "\n";
    std::cout << "chapters:  " << ep.chapters.size() << " (" << headed << " headed in the transcript)\n";
    std::cout << "turns:     " << ep.turn_count() << " (" << timed << " with times from the file)\n";
    std::cout << "speakers:  " << ep.speakers().size() << "\n";
    for (const auto& name : ep.speakers()) std::cout << "  " << name << ": " << per_speaker[name] << " turns\n";
    if (per_speaker.count("")) std::cout << "  (no speaker): " << per_speaker[""] << " turns\n";
    std::cout << "notes:     " << notes << "\n";
    if (r.format == sync::Format::markdown)
      std::cout << "joined:    " << r.joined_turns << " turns continued across a part break\n";
    std::cout << "warnings:  " << warnings << "\nerrors:    " << errors << "\n";
    exit_code = r.ok() ? 0 : 1;
  });
}

}  // namespace tingdu::cli
