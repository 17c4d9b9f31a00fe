import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page-message" role="alert"> This address does not match a page. <a routerLink="/tasks">Go to the task table</a>. </div>
  `,
})
export class NotFoundPage {}
