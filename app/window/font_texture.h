// The glyph atlas as an OpenGL texture of one byte a pixel. ImGui's OpenGL 3 backend uploads
// the atlas as RGBA, which for the CJK atlas means a 4-byte-a-pixel copy in memory and a texture
// four times the size (in the process itself under a software renderer such as llvmpipe). The
// atlas is all alpha, so it goes up as GL_R8 with a swizzle that reads it as (1, 1, 1, r): what
// the backend's shader multiplies by the vertex colour, exactly as with the RGBA texture.
// Needs texture swizzles (OpenGL 3.3 or ARB_texture_swizzle); without them the backend's own
// RGBA upload is used. All calls on the thread that owns the GL context.
#pragma once

#include <imgui.h>

namespace tingdu::window {

class FontTexture {
 public:
  // Call once after ImGui_ImplOpenGL3_Init and before the fonts are loaded: creates the
  // backend's device objects now (it would on the first frame, uploading its own RGBA atlas
  // over ours) and drops the backend's font texture.
  void take_over_from_backend();
  // (Re)uploads `atlas` (built, with TexPixelsAlpha8) and sets it as the atlas's texture.
  void upload(ImFontAtlas& atlas);
  // Deletes the texture; before the GL context goes.
  void reset();
  ~FontTexture() = default;  // reset() must run while the context exists; see main.cpp

 private:
  unsigned texture_ = 0;  // a GLuint; 0: none (or the backend's own RGBA texture is in use)
  bool swizzle_ = false;
};

}  // namespace tingdu::window
