// Audio analysis: any file the player plays, decoded once in a streaming pass to 16 kHz mono
// and turned into numbers per 10 ms frame: loudness, voice activity, and the cepstrum that
// tells voices apart. The alignment (sync/) works on these numbers; media/ knows nothing of
// transcripts. FFT: FFmpeg's libavutil/tx.h; resampling: libswresample.
//
// Frame f covers [f * hop, f * hop + window) seconds of the file, hop 10 ms, window 25 ms.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tingdu::media {

struct AudioFeatures {
  // Mel-frequency cepstral coefficients kept per frame: c1..c12 (c0, the loudness, is `energy`).
  static constexpr int kCepstra = 12;
  static constexpr int kRate = 16000;            // Hz the file is analysed at
  static constexpr double kHopSeconds = 0.010;   // frame step
  static constexpr double kWindowSeconds = 0.025;

  double duration = 0;                // seconds of audio analysed
  std::vector<float> energy;          // per frame: dBFS of the windowed frame, floored at kFloorDb
  std::vector<std::uint8_t> speech;   // per frame: 1 when voice activity was detected
  std::vector<float> cepstra;         // frames x kCepstra, row-major: frame f at cepstra[f * kCepstra]
  float noise_floor_db = 0;           // the quietest level the file keeps (its median floor)

  std::size_t frames() const { return energy.size(); }
  const float* cepstrum(std::size_t frame) const { return cepstra.data() + frame * kCepstra; }
  static constexpr float kFloorDb = -100;
  // Frame index holding time `seconds` (clamped to the frames there are).
  std::size_t frame_at(double seconds) const;
};

struct AnalysisOptions {
  // Called now and then with the share of the file done (0..1); return false to stop.
  std::function<bool(double done)> progress;
  const std::atomic<bool>* cancel = nullptr;  // set from another thread to stop (polled often)
};

struct AnalysisResult {
  std::optional<AudioFeatures> features;
  std::string error;       // "PATH: what", when features is empty and not cancelled
  bool cancelled = false;
};

// Decodes `path` (any rate and channel count; mixed to mono) and analyses it. Memory: the
// features (about 55 bytes a frame, 70 MB for 3.5 h) plus a few kilobytes of buffers.
AnalysisResult analyze_audio(const std::string& path, const AnalysisOptions& options = {});

// Voice activity from frame energies alone (what analyze_audio uses): a frame is speech when it
// stands clear of the local noise floor, judged against the local speech level, and is within
// 40 dB of that level (a floor of digital silence says nothing of where speech ends); runs
// shorter than 40 ms are dropped and gaps shorter than 60 ms filled. Exposed for tests and for
// callers that computed energies themselves. Returns the median noise floor (dB).
float detect_voice_activity(const std::vector<float>& energy, std::vector<std::uint8_t>& speech);

}  // namespace tingdu::media
