import { safeSampleUrl, sampleKind } from './sample-media';

describe('sample media', () => {
  it('tells audio and video from images by extension', () => {
    expect(sampleKind('/files/a/b.WAV')).toBe('audio');
    expect(sampleKind('https://x.org/s.mp3?sig=1')).toBe('audio');
    expect(sampleKind('/files/clip.webm#t=1')).toBe('video');
    expect(sampleKind('/files/x.mp4')).toBe('video');
    expect(sampleKind('/files/x.png')).toBe('image');
    expect(sampleKind('/files/noext')).toBe('image');
  });

  it('allows http(s) and same-origin relative URLs only', () => {
    const base = 'http://localhost:8080/compare-tasks';
    expect(safeSampleUrl('/files/a.png', base)).toBe('/files/a.png');
    expect(safeSampleUrl('files/a.png', base)).toBe('files/a.png');
    expect(safeSampleUrl('https://cdn.example.com/a.png', base)).toBe('https://cdn.example.com/a.png');
    expect(safeSampleUrl(' javascript:alert(1)', base)).toBeNull();
    expect(safeSampleUrl('JavaScript:alert(1)', base)).toBeNull();
    expect(safeSampleUrl('data:image/png;base64,AAAA', base)).toBeNull();
    expect(safeSampleUrl('file:///etc/passwd', base)).toBeNull();
    expect(safeSampleUrl('', base)).toBeNull();
    expect(safeSampleUrl(null, base)).toBeNull();
    expect(safeSampleUrl('http://[bad', base)).toBeNull();
  });
});
