import { Clipboard } from '@angular/cdk/clipboard';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CopyWithNotice } from './copy-with-notice';

describe('CopyWithNotice', () => {
  const messages = { copied: 'Link copied', notCopied: 'Copy this link' };
  let opened: string[];
  let syncCopy: boolean;

  beforeEach(() => {
    opened = [];
    syncCopy = true;
    TestBed.configureTestingModule({
      providers: [
        { provide: Clipboard, useValue: { copy: () => syncCopy } },
        { provide: MatSnackBar, useValue: { open: (message: string) => opened.push(message) } },
      ],
    });
  });

  it('says the text was copied when the synchronous copy works, without the async API', async () => {
    const writeText = spyOn(navigator.clipboard, 'writeText');
    expect(await TestBed.inject(CopyWithNotice).copy('http://x/a', messages)).toBeTrue();
    expect(opened).toEqual(['Link copied']);
    expect(writeText).not.toHaveBeenCalled();
  });

  it('falls back to the async Clipboard API when the synchronous copy is refused', async () => {
    syncCopy = false;
    const writeText = spyOn(navigator.clipboard, 'writeText').and.resolveTo();
    expect(await TestBed.inject(CopyWithNotice).copy('http://x/a', messages)).toBeTrue();
    expect(writeText).toHaveBeenCalledWith('http://x/a');
    expect(opened).toEqual(['Link copied']);
  });

  it('shows the text to copy by hand when both ways fail', async () => {
    syncCopy = false;
    spyOn(navigator.clipboard, 'writeText').and.rejectWith(new DOMException('Document is not focused.', 'NotAllowedError'));
    expect(await TestBed.inject(CopyWithNotice).copy('http://x/a', messages)).toBeFalse();
    expect(opened).toEqual(['Copy this link: http://x/a']);
  });
});
