import { signal } from '@angular/core';
import { urlText } from './url-text';

describe('urlText', () => {
  const setUp = () => {
    const url = signal('');
    const box = urlText(url);
    const type = (value: string) => {
      box.text.set(value);
      box.sent(value);
    };
    return { url, box, type };
  };

  it('keeps keys typed while the values sent before them come back through the URL', () => {
    const { url, box, type } = setUp();
    type('l');
    type('lo');
    type('los');
    url.set('l');
    expect(box.text()).toBe('los');
    url.set('lo');
    expect(box.text()).toBe('los');
    url.set('los');
    expect(box.text()).toBe('los');
  });

  it('skips values whose return was overtaken by a later one', () => {
    const { url, box, type } = setUp();
    type('l');
    type('lo');
    url.set('lo');
    type('los');
    expect(box.text()).toBe('los');
    url.set('los');
    expect(box.text()).toBe('los');
  });

  it('shows a value from elsewhere, and a value sent once it has come back is news again', () => {
    const { url, box, type } = setUp();
    type('loss');
    url.set('loss');
    url.set('');
    expect(box.text()).toBe('');
    url.set('loss');
    expect(box.text()).toBe('loss');
    url.set('accuracy');
    expect(box.text()).toBe('accuracy');
  });

  it('a value from elsewhere while one is on its way wins, and the late return is then news', () => {
    const { url, box, type } = setUp();
    type('loss');
    url.set('acc');
    expect(box.text()).toBe('acc');
    url.set('loss');
    expect(box.text()).toBe('loss');
  });
});
